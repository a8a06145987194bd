import type { MeResponse } from '@stormline/shared/access/identity'
import type { BoardAccess, BoardMeta } from '@stormline/shared/api/types'
import { isBoardId } from '@stormline/shared/board/board-id'
import { readBoardName, sessionKeys } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useEffect, useLayoutEffect, useMemo, useState } from 'react'
import { useValue } from 'tldraw'
import { useBoardAccess } from '../access/use-board-access.ts'
import { useTallyPoller } from '../backlog/use-tally.ts'
import { BoardEditor } from '../board/BoardEditor.tsx'
import { type BoardUi, BoardUiContext } from '../board/board-context.ts'
import { useBoardConnection } from '../board/use-board-connection.ts'
import { useClientConfig } from '../board/use-client-config.ts'
import { CheckpointPane } from '../history/CheckpointPane.tsx'
import { CheckpointViewProvider } from '../history/checkpoint-view-context.tsx'
import { refreshKnownBoard, rememberOpenedBoard } from '../home/use-known-boards.ts'
import { NameDialog } from '../participant/NameDialog.tsx'
import {
  renameCurrentParticipant,
  setBoardMemberId,
  useParticipant,
} from '../participant/participant-store.ts'
import { publishCoFacilitator } from '../presence/publish-co-facilitator.ts'
import { exposePrivateDebugHook } from '../private/private-debug-hook.ts'
import { usePrivateConnection } from '../private/use-private-doc.ts'
import type { BoardConnection } from '../sync/board-connection.ts'
import { forgetBoard } from '../sync/offline-store.ts'
import { BoardEnded } from './BoardEnded.tsx'
import { BoardLoading } from './BoardLoading.tsx'
import { BoardNotFound } from './BoardNotFound.tsx'

export function BoardPage({ boardId }: { boardId: string }) {
  if (!isBoardId(boardId)) return <BoardNotFound />
  // Keyed so moving to another board tears the old connection down completely.
  return <CheckedBoard key={boardId} boardId={boardId} />
}

/** Learns this page's role from its link (or cookie) before opening the board. */
function CheckedBoard({ boardId }: { boardId: string }) {
  const access = useBoardAccess(boardId)
  // A board deleted while this browser was away: drop what the browser kept of it (OFF-3).
  useEffect(() => {
    if (access.state === 'not-found') void forgetBoard(boardId)
  }, [access.state, boardId])
  switch (access.state) {
    case 'not-found':
      return <BoardNotFound />
    case 'link-needed':
    case 'link-invalid':
      // No connection to take them from, but an earlier visit may have left unsaved changes in
      // this browser: the page offers them as a download (OFF-3).
      return <BoardEnded reason={access.state} boardId={boardId} />
    case 'checking':
      return (
        <main className="board-page">
          <BoardLoading
            boardName={null}
            status="connecting"
            failedAttempts={access.failedAttempts}
          />
        </main>
      )
    case 'granted':
      return <OpenBoard access={access.board} me={access.me} />
  }
}

function OpenBoard({ access, me }: { access: BoardAccess; me: MeResponse }) {
  const { role: _linkRole, ...granted } = access
  // The member's role: a co-facilitator's participant link acts as the facilitator's. The
  // private document's member map keeps it current (facilitation/facilitator-role.ts).
  const role = me.role
  const [board, setBoard] = useState<BoardMeta>(granted)
  // Before any connection opens (layout effects run before the hooks' effects below): the
  // page's participant id is the member the server knows this browser as on this board.
  useLayoutEffect(() => {
    setBoardMemberId(me.memberId)
    return () => setBoardMemberId(null)
  }, [me.memberId])
  // A viewer never lays out an empty board: its writes would be dropped, and everyone else
  // would get the layout from the next participant to open the board anyway.
  const connection = useBoardConnection(board.id, role === 'viewer' ? null : board.template, {
    viewer: role === 'viewer',
  })
  const privateConnection = usePrivateConnection(board.id)
  useEffect(
    () => (privateConnection ? exposePrivateDebugHook(privateConnection) : undefined),
    [privateConnection],
  )
  useEffect(
    () =>
      connection && privateConnection
        ? publishCoFacilitator(connection.provider.awareness, privateConnection.member)
        : undefined,
    [connection, privateConnection],
  )
  const tally = useTallyPoller(board.id)
  const config = useClientConfig()
  const participant = useParticipant()
  const [editingName, setEditingName] = useState(false)
  const state = useValue('board state', () => connection?.state.get() ?? null, [connection])
  // The private document's socket ends the page like the board's does (a refused write, a
  // link renewed): what the page shows would no longer be what the server holds.
  const privateEnded = useValue('private doc ended', () => privateConnection?.ended.get() ?? null, [
    privateConnection,
  ])

  // A rename by the facilitator reaches everyone through the session map.
  useEffect(() => {
    if (!connection) return
    const session = connection.doc.getMap<unknown>(docLayout.session)
    const follow = (): void => {
      const name = readBoardName(session.get(sessionKeys.boardName))
      if (name !== null)
        setBoard((current) => (current.name === name ? current : { ...current, name }))
    }
    session.observe(follow)
    follow()
    return () => session.unobserve(follow)
  }, [connection])

  // The home page's "Your boards" lists every board this browser opened, as the server named
  // it and with the role this browser acts with.
  // biome-ignore lint/correctness/useExhaustiveDependencies: an opening is counted once per board and role; a rename is not an opening (the effect below follows it).
  useEffect(() => {
    rememberOpenedBoard({ id: board.id, name: board.name, role })
  }, [board.id, role])
  useEffect(() => refreshKnownBoard(board.id, { name: board.name }), [board.id, board.name])

  useEffect(() => {
    document.title = `${board.name} · Stormline`
    return () => {
      document.title = 'Stormline'
    }
  }, [board.name])

  const ui = useMemo<BoardUi | null>(
    () =>
      connection &&
      privateConnection &&
      tally && {
        connection,
        privateConnection,
        tally,
        board,
        role,
        editName: () => setEditingName(true),
        renamed: setBoard,
      },
    [connection, privateConnection, tally, board, role],
  )

  // Final states (CLOSE-3): the page stops here, with what happened and what to do next.
  const phase =
    state?.phase === 'loading' || state?.phase === 'ready'
      ? (privateEnded ?? state.phase)
      : state?.phase
  switch (phase) {
    case 'not-found':
      return <BoardNotFound />
    case 'link-invalid':
    case 'deleted':
    case 'edit-refused':
    case 'invalid-edit':
    case 'board-full':
    case 'edit-too-large':
    case 'reload-required':
      return <BoardEnded reason={phase} connection={connection} />
  }

  const naming = participant.name === null || editingName
  return (
    <main className="board-page">
      {ui !== null && state?.phase === 'ready' && config !== undefined ? (
        <BoardUiContext.Provider value={ui}>
          {/* A checkpoint opened from the History section shows beside the board (history/). */}
          <CheckpointViewProvider>
            <BoardEditor
              connection={ui.connection}
              licenseKey={config.tldrawLicenseKey}
              autoFocus={!naming}
            />
            <CheckpointPane licenseKey={config.tldrawLicenseKey} />
          </CheckpointViewProvider>
        </BoardUiContext.Provider>
      ) : (
        <LoadingBoard
          connection={connection}
          boardName={board.name}
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

/**
 * The loading screen, with the changes an earlier visit left unsaved. Reads the count itself:
 * it changes with every edit, and the page around the editor must not re-render that often.
 */
function LoadingBoard({
  connection,
  ...props
}: { connection: BoardConnection | null } & Omit<Parameters<typeof BoardLoading>[0], 'unsaved'>) {
  const unsaved = useValue('unsaved changes', () => connection?.unsaved.get() ?? 0, [connection])
  return <BoardLoading {...props} unsaved={unsaved} />
}
