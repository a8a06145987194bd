import { useState } from 'react'
import { useValue } from 'tldraw'
import { SharePanel } from '../access/SharePanel.tsx'
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
  const [sharing, setSharing] = useState(false)
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
      {role === 'facilitator' && (
        <button
          type="button"
          className="stormline-button share-toggle"
          data-testid="share-toggle"
          aria-expanded={sharing}
          onClick={() => setSharing(!sharing)}
        >
          Share
        </button>
      )}
      {role === 'facilitator' && sharing && <SharePanel onClose={() => setSharing(false)} />}
    </div>
  )
}
