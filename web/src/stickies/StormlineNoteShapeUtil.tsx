import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import { NoteShapeUtil, type TLNoteShape } from 'tldraw'
import { currentAuthor } from './current-author.ts'
import { asMeta } from './sticky-side-effects.ts'
import { restampCopy } from './sticky-stamp.ts'
import './stickies.css'

/**
 * tldraw's note, with two Stormline additions. Subclassing keeps the type ('note'), props and
 * migrations, so the stored records and the store's schema are exactly tldraw's; tldraw swaps
 * a util passed in `shapeUtils` for its default of the same type.
 * - A copy (duplicate, alt-drag, paste) is credited to whoever made it: tldraw calls
 *   onBeforeDuplicate for copies only, never for undo/redo, which restore the original record.
 * - A sticky flagged for a deep dive shows a badge in its corner, drawn over tldraw's note.
 */
export class StormlineNoteShapeUtil extends NoteShapeUtil {
  override component(shape: TLNoteShape) {
    return (
      <>
        {super.component(shape)}
        <DeepDiveBadge shape={shape} />
      </>
    )
  }

  override onBeforeDuplicate(source: TLNoteShape, duplicate: TLNoteShape): TLNoteShape | undefined {
    const copy = super.onBeforeDuplicate(source, duplicate) ?? duplicate
    const meta = restampCopy(copy.meta, currentAuthor(this.editor), new Date())
    return meta === null ? copy : { ...copy, meta: asMeta(meta) }
  }
}

function DeepDiveBadge({ shape }: { shape: TLNoteShape }) {
  if (readStickyMeta(shape.meta)?.needsDeepDive !== true) return null
  return (
    <div
      className="stormline-deep-dive-badge"
      data-testid="deep-dive-badge"
      title="Needs a deep dive"
      style={{ transform: `scale(${shape.props.scale})` }}
    >
      Deep dive
    </div>
  )
}
