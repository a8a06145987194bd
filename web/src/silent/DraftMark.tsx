import { isDraftRecord } from '@stormline/shared/board/silent-writing'
import type { TLNoteShape } from 'tldraw'
import './silent.css'

/**
 * How a silent-writing draft looks to its author (the only one who has it): a dashed outline and
 * an "Only you see this" badge, so nobody mistakes it for a sticky the room can read.
 */
export function DraftMark({ shape }: { shape: TLNoteShape }) {
  if (!isDraftRecord(shape)) return null
  return (
    <>
      <div className="stormline-draft-outline" aria-hidden="true" />
      <div
        className="stormline-draft-badge"
        data-testid="draft-badge"
        title="A silent-writing draft: everyone sees it when the facilitator reveals the round"
        style={{ transform: `scale(${shape.props.scale})` }}
      >
        Only you see this
      </div>
    </>
  )
}
