import { DotsLeft } from '../voting-canvas/DotsLeft.tsx'
import type { Participant } from './identity.ts'
import { anonymousName } from './participant-store.ts'

/** My name and colour in the top bar (click to rename), with my dots left while a vote is open. */
export function ParticipantBadge({
  participant,
  onEdit,
}: {
  participant: Participant
  onEdit(): void
}) {
  return (
    <span className="participant-badge-group">
      <button
        type="button"
        className="participant-badge"
        data-testid="participant-badge"
        title="Change your name"
        onClick={onEdit}
      >
        <span
          className="participant-badge__swatch"
          style={{ background: participant.color }}
          aria-hidden="true"
        />
        <span className="participant-badge__name">{participant.name ?? anonymousName}</span>
      </button>
      <DotsLeft />
    </span>
  )
}
