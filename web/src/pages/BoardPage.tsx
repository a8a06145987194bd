import { isBoardId } from '@stormline/shared/board/board-id'
import { useEffect, useMemo, useState } from 'react'
import { useValue } from 'tldraw'
import { BoardEditor } from '../board/BoardEditor.tsx'
import { type BoardUi, BoardUiContext } from '../board/board-context.ts'
import { useBoardConnection } from '../board/use-board-connection.ts'
import { useBoardMeta } from '../board/use-board-meta.ts'
import { useClientConfig } from '../board/use-client-config.ts'
import { NameDialog } from '../participant/NameDialog.tsx'
import { renameCurrentParticipant, useParticipant } from '../participant/participant-store.ts'
import { BoardLoading } from './BoardLoading.tsx'
import { BoardNotFound } from './BoardNotFound.tsx'

export function BoardPage({ boardId }: { boardId: string }) {
  if (!isBoardId(boardId)) return <BoardNotFound />
  // Keyed so moving to another board tears the old connection down completely.
  return <OpenBoard key={boardId} boardId={boardId} />
}

function OpenBoard({ boardId }: { boardId: string }) {
  const meta = useBoardMeta(boardId)
  // Waits for the template (an empty board is laid out from it); a failed lookup connects anyway.
  const template =
    meta.state === 'found' ? meta.board.template : meta.state === 'unknown' ? null : undefined
  const connection = useBoardConnection(boardId, template)
  const config = useClientConfig()
  const participant = useParticipant()
  const [editingName, setEditingName] = useState(false)
  const state = useValue('board state', () => connection?.state.get() ?? null, [connection])

  useEffect(() => {
    if (meta.state === 'not-found') connection?.markNotFound()
  }, [meta.state, connection])

  const boardName = meta.state === 'found' ? meta.board.name : null
  useEffect(() => {
    document.title = boardName === null ? 'Stormline' : `${boardName} · Stormline`
    return () => {
      document.title = 'Stormline'
    }
  }, [boardName])

  const ui = useMemo<BoardUi | null>(
    () => connection && { connection, editName: () => setEditingName(true) },
    [connection],
  )

  if (meta.state === 'not-found' || state?.phase === 'not-found') return <BoardNotFound />

  const naming = participant.name === null || editingName
  return (
    <main className="board-page">
      {ui !== null && state?.phase === 'ready' && config !== undefined ? (
        <BoardUiContext.Provider value={ui}>
          <BoardEditor
            connection={ui.connection}
            licenseKey={config.tldrawLicenseKey}
            autoFocus={!naming}
          />
        </BoardUiContext.Provider>
      ) : (
        <BoardLoading
          boardName={boardName}
          status={state?.status ?? 'connecting'}
          failedAttempts={state?.failedAttempts ?? 0}
        />
      )}
      {naming && (
        <NameDialog
          initialName={participant.name}
          onSubmit={(name) => {
            renameCurrentParticipant(name)
            setEditingName(false)
          }}
          onCancel={participant.name === null ? undefined : () => setEditingName(false)}
        />
      )}
    </main>
  )
}
