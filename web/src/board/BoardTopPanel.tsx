import { useValue } from 'tldraw'
import { ViewOnlyBadge } from '../access/ViewOnlyBadge.tsx'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { ParticipantBadge } from '../participant/ParticipantBadge.tsx'
import { useParticipant } from '../participant/participant-store.ts'
import { ConnectionStatus } from '../ui/ConnectionStatus.tsx'
import { useBoardUi } from './board-context.ts'
import { useAnonymous } from './use-anonymous.ts'

/** Sits in tldraw's top-centre slot, which its own menus and panels leave free. */
export function BoardTopPanel() {
  const { connection, editName } = useBoardUi()
  const status = useValue('connection status', () => connection.state.get().status, [connection])
  const unsaved = useValue('unsaved changes', () => connection.unsaved.get(), [connection])
  const participant = useParticipant()
  const role = useBoardRole()
  const anonymous = useAnonymous()
  return (
    <div className="board-top-panel">
      <ConnectionStatus status={status} unsaved={unsaved} />
      {role === 'viewer' && <ViewOnlyBadge />}
      {anonymous && (
        <output
          className="board-badge"
          data-testid="anonymous-badge"
          title="Stickies, the backlog and estimates show no names"
        >
          Anonymous
        </output>
      )}
      <ParticipantBadge participant={participant} onEdit={editName} />
    </div>
  )
}
