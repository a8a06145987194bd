import type { ConnectionStatus as Status } from '../sync/connection-status.ts'
import { ConnectionStatus } from '../ui/ConnectionStatus.tsx'

/** Shown until the board's content has arrived, so the editor never starts from a blank page. */
export function BoardLoading({
  boardName,
  status,
  failedAttempts,
  unsaved = 0,
}: {
  boardName: string | null
  status: Status
  failedAttempts: number
  /** Changes an earlier page left unsaved, sent once connected. */
  unsaved?: number
}) {
  return (
    <div className="board-loading" aria-busy="true">
      <ConnectionStatus status={status} unsaved={unsaved} />
      <p className="board-loading__title">{boardName ?? 'Stormline'}</p>
      <p className="board-loading__message">
        {failedAttempts >= 3 ? 'Cannot reach the server yet. Still trying…' : 'Loading the board…'}
      </p>
    </div>
  )
}
