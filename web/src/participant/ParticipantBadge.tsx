import type { Participant } from './identity.ts'
import { anonymousName } from './participant-store.ts'

export function ParticipantBadge({
  participant,
  onEdit,
}: {
  participant: Participant
  onEdit(): void
}) {
  return (
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
  )
}
