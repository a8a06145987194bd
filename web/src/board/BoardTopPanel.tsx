import { useValue } from 'tldraw'
import { ParticipantBadge } from '../participant/ParticipantBadge.tsx'
import { useParticipant } from '../participant/participant-store.ts'
import { ConnectionStatus } from '../ui/ConnectionStatus.tsx'
import { useBoardUi } from './board-context.ts'

/** Sits in tldraw's top-centre slot, which its own menus and panels leave free. */
export function BoardTopPanel() {
  const { connection, editName } = useBoardUi()
  const status = useValue('connection status', () => connection.state.get().status, [connection])
  const participant = useParticipant()
  return (
    <div className="board-top-panel">
      <ConnectionStatus status={status} />
      <ParticipantBadge participant={participant} onEdit={editName} />
    </div>
  )
}
