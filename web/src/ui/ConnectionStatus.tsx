import {
  connectionStatusLabel,
  type ConnectionStatus as Status,
} from '../sync/connection-status.ts'

export function ConnectionStatus({ status }: { status: Status }) {
  return (
    <output
      className="connection-status"
      data-testid="connection-status"
      data-status={status}
      aria-live="polite"
      title={connectionStatusLabel[status]}
    >
      <span className="connection-status__dot" aria-hidden="true" />
      <span className="connection-status__label">{connectionStatusLabel[status]}</span>
    </output>
  )
}
