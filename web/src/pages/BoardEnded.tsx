import { type ReactNode, useEffect, useState } from 'react'
import { useValue } from 'tldraw'
import type { BoardConnection, EndedPhase } from '../sync/board-connection.ts'
import { offersUnsentDownload } from '../sync/ended-phases.ts'
import {
  downloadUnsentChanges,
  type UnsentChangesFile,
  unsentChangesInBrowser,
} from '../sync/unsent-download.ts'
import { Link } from '../ui/Link.tsx'

/**
 * Why a board page cannot show (or go on showing) its board, other than "not found";
 * `link-needed`: the page was opened without any board link (no token, no cookie), as a plain
 * link from an exported backlog is for someone who never joined the board.
 */
export type BoardEndReason = Exclude<EndedPhase, 'not-found'> | 'link-needed'

/** As far as unsaved changes go, having no link is like having one that stopped working. */
function endedPhaseOf(reason: BoardEndReason): EndedPhase {
  return reason === 'link-needed' ? 'link-invalid' : reason
}

interface Unsent {
  count: number
  download(): void
}

/**
 * The changes this browser made that the board never stored, when the page offers them as a
 * download (OFF-3): from the open connection, or, when the page could not even connect (its
 * link stopped working since the last visit), from the board's copy in this browser.
 */
function useUnsentChanges(
  reason: BoardEndReason,
  connection: BoardConnection | null,
  boardId: string | null,
): Unsent | null {
  const offered = offersUnsentDownload(endedPhaseOf(reason))
  const live = useValue('unsaved changes', () => connection?.unsaved.get() ?? 0, [connection])
  const [stored, setStored] = useState<UnsentChangesFile | null>(null)
  useEffect(() => {
    if (!offered || connection !== null || boardId === null) return
    let current = true
    unsentChangesInBrowser(boardId).then(
      (file) => current && setStored(file),
      (error: unknown) => console.warn('[stormline] could not read the unsaved changes', error),
    )
    return () => {
      current = false
    }
  }, [offered, connection, boardId])

  if (!offered) return null
  if (connection !== null) {
    if (live === 0) return null
    return {
      count: live,
      download: () => {
        const file = connection.unsentChanges()
        if (file) downloadUnsentChanges(file)
      },
    }
  }
  if (stored === null) return null
  return { count: stored.unsavedChanges, download: () => downloadUnsentChanges(stored) }
}

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`
}

function ReloadButton({ connection }: { connection: BoardConnection | null }) {
  return (
    <button
      type="button"
      className="button"
      data-testid="board-reload"
      // A full reload: the page's document holds what the server refused (or this app is out of
      // date) and must not be reused. The board's copy in this browser is cleared first where
      // it holds the refused change, and the page does not ask "leave?" for a reload asked for.
      onClick={async () => {
        await connection?.prepareToLeave()
        window.location.reload()
      }}
    >
      Reload the board
    </button>
  )
}

function HomeLink() {
  return (
    <Link to="/" className="button">
      Go to the home page
    </Link>
  )
}

export function BoardEnded({
  reason,
  connection = null,
  boardId = null,
}: {
  reason: BoardEndReason
  /** The board's connection, when the page had one: it holds the unsaved changes. */
  connection?: BoardConnection | null
  /** The board, when the page has no connection: its copy in this browser is read instead. */
  boardId?: string | null
}) {
  const unsent = useUnsentChanges(reason, connection, boardId)
  const kept = useValue('unsaved changes', () => connection?.unsaved.get() ?? 0, [connection])

  let body: ReactNode
  switch (reason) {
    case 'link-needed':
      body = (
        <>
          <h1>You need a board link to open this board</h1>
          <p>
            Boards in Stormline open only with a link from their facilitator, and this browser has
            none for this board. Ask the facilitator for a board link: the viewer link lets you look
            at the board without changing anything.
          </p>
          <p>
            Links in an exported backlog open the board only for people who joined it already,
            unless the facilitator chose to share read-only access with the export.
          </p>
          {unsent && (
            <p data-testid="board-unsaved-kept">
              {changes(unsent.count)} you made did not reach the board. This browser keeps them and
              sends them when you open the board with its link; download them to keep a copy.
            </p>
          )}
        </>
      )
      break
    case 'link-invalid':
      body = (
        <>
          <h1>This link no longer works</h1>
          <p>
            The facilitator renewed the board’s links, and the old ones stopped working (or the link
            was not copied completely). Ask the facilitator for a new one.
          </p>
          {unsent && (
            <p data-testid="board-unsaved-kept">
              {changes(unsent.count)} you made did not reach the board. This browser keeps them and
              sends them when you open the board with a new link; download them to keep a copy.
            </p>
          )}
        </>
      )
      break
    case 'deleted':
      body = (
        <>
          <h1>This board was deleted</h1>
          <p>The facilitator deleted the board; its stickies are gone for everyone.</p>
        </>
      )
      break
    case 'edit-refused':
      body = (
        <>
          <h1>Your last change was refused</h1>
          <p>
            Only the facilitator may change that part of the board (the timeline, the steps, the
            timer, votes and assessments). Nothing of it was saved. Reload to carry on with the
            board as everyone else sees it.
          </p>
        </>
      )
      break
    case 'invalid-edit':
      body = (
        <>
          <h1>Your last change was refused</h1>
          <p>
            The board could not accept it: it held something the board does not allow, which can
            happen when this page runs an outdated or faulty version of Stormline. Nothing of it was
            saved. Reload to carry on with the board as everyone else sees it.
          </p>
        </>
      )
      break
    case 'board-full':
      body = (
        <>
          <h1>This board is full</h1>
          <p>
            This board has reached its size limit; your last change was not saved. Reload to carry
            on with the board as it is: the facilitator can remove what is no longer needed, or
            start a new board for the rest of the workshop.
          </p>
        </>
      )
      break
    case 'edit-too-large':
      body = (
        <>
          <h1>Your last change is too large</h1>
          <p>
            Your last change is larger than the server accepts (a very large paste, perhaps), so it
            was not saved. Reload to carry on with the board as everyone else sees it, then add the
            content in smaller parts.
          </p>
        </>
      )
      break
    case 'reload-required':
      body = (
        <>
          <h1>Stormline was updated</h1>
          <p>Stormline was updated; reload to continue with the current version.</p>
          {kept > 0 && (
            <p data-testid="board-unsaved-kept">
              {changes(kept)} you made are kept in this browser and sent after the reload.
            </p>
          )}
        </>
      )
      break
  }

  const reloads = reason !== 'link-invalid' && reason !== 'link-needed' && reason !== 'deleted'
  return (
    <main className="message-page">
      <div className="message-page__card" data-testid={`board-${reason}`} role="alert">
        {body}
        {unsent && reloads && (
          <p data-testid="board-unsaved-lost">
            {changes(unsent.count)} you made did not reach the board, and reloading drops them.
            Download them first to keep a copy.
          </p>
        )}
        {unsent && (
          <button
            type="button"
            className="button"
            data-testid="board-download-unsaved"
            onClick={unsent.download}
          >
            Download your unsaved changes
          </button>
        )}
        {reloads && <ReloadButton connection={connection} />}
        {(!reloads || reason === 'board-full') && <HomeLink />}
      </div>
    </main>
  )
}
