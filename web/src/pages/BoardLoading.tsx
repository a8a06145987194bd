import type { ConnectionStatus as Status } from '../sync/connection-status.ts'
import { ConnectionStatus } from '../ui/ConnectionStatus.tsx'

/** Shown until the board's content has arrived, so the editor never starts from a blank page. */
export function BoardLoading({
  boardName,
  status,
  failedAttempts,
}: {
  boardName: string | null
  status: Status
  failedAttempts: number
}) {
  return (
    <div className="board-loading" aria-busy="true">
      <ConnectionStatus status={status} />
      <p className="board-loading__title">{boardName ?? 'Stormline'}</p>
      <p className="board-loading__message">
        {failedAttempts >= 3 ? 'Cannot reach the server yet. Still trying…' : 'Loading the board…'}
      </p>
    </div>
  )
}
