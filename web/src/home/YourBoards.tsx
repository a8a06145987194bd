import type { BoardRole } from '@stormline/shared/access/roles'
import { type BoardAccess, maxBoardNameLength } from '@stormline/shared/api/types'
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { tokenOfLink } from '../access/link-token.ts'
import { resolveAccessWithSavedLink } from '../access/resolve-access.ts'
import { forgetLinks, readLinks } from '../access/use-saved-links.ts'
import { ApiError, claimAccess, deleteBoard, getBoardAccess, renameBoard } from '../api/client.ts'
import { boardPath } from '../routing/routes.ts'
import { Link } from '../ui/Link.tsx'
import type { KnownBoard } from './known-boards.ts'
import { editedAgo, openedAgo } from './opened-ago.ts'
import { type KnownBoardsActions, useKnownBoards } from './use-known-boards.ts'
import './your-boards.css'

const roleLabels: Record<BoardRole, string> = {
  facilitator: 'Facilitator',
  participant: 'Participant',
  viewer: 'Viewer',
}

/** What the server says about a listed board now. */
type BoardCheck =
  | { state: 'checking' }
  | { state: 'ready'; board: BoardAccess }
  /** Deleted (here or elsewhere): only forgetting is left to do. */
  | { state: 'gone' }
  /** This browser's link was renewed away or its cookie expired. */
  | { state: 'no-access' }
  | { state: 'unreachable' }

/**
 * Asks with the board's cookie, as the board page would (a facilitator whose cookie is gone gets
 * in with the link this browser saved), so the list shows the name and role as they are now.
 */
async function checkBoard(id: string): Promise<BoardCheck> {
  const result = await resolveAccessWithSavedLink(
    id,
    null,
    tokenOfLink(readLinks(id).facilitator),
    { claimAccess, getBoardAccess },
  )
  switch (result.state) {
    case 'granted':
      return { state: 'ready', board: result.board }
    case 'not-found':
      return { state: 'gone' }
    case 'link-needed':
    case 'link-invalid':
      return { state: 'no-access' }
    case 'unreachable':
      return { state: 'unreachable' }
  }
}

/** Drops what this browser kept of a deleted board: its links and its offline copy. */
function dropLocalTraces(id: string): void {
  forgetLinks(id)
  // Loaded only when needed: the offline copy brings Yjs, which the home page does not need.
  void import('../sync/offline-store.ts').then((store) => store.forgetBoard(id))
}

/** "Your boards" on the home page: every board this browser has created or opened. */
export function YourBoards() {
  const [boards, actions] = useKnownBoards()
  const [announcement, setAnnouncement] = useState('')
  const headingRef = useRef<HTMLHeadingElement>(null)
  if (boards.length === 0 && announcement === '') return null

  // The row that had the focus is gone: the section keeps it, and says what happened.
  const removed = (message: string): void => {
    setAnnouncement(message)
    headingRef.current?.focus()
  }

  return (
    <section className="home__card home-boards" aria-labelledby="your-boards-title">
      <h2 id="your-boards-title" className="home-boards__title" ref={headingRef} tabIndex={-1}>
        Your boards
      </h2>
      <p className="home-boards__hint">
        Boards this browser created or opened. Forget takes one off this list only; delete removes
        it for everyone.
      </p>
      <p className="home-boards__announcement" role="status">
        {announcement}
      </p>
      {boards.length === 0 ? (
        <p className="home-boards__hint">No boards left in this browser.</p>
      ) : (
        <ul className="home-boards__list" aria-labelledby="your-boards-title">
          {boards.map((board) => (
            <KnownBoardItem key={board.id} known={board} actions={actions} onRemoved={removed} />
          ))}
        </ul>
      )}
    </section>
  )
}

function KnownBoardItem({
  known,
  actions,
  onRemoved,
}: {
  known: KnownBoard
  actions: KnownBoardsActions
  onRemoved: (message: string) => void
}) {
  const { id, name, role } = known
  const [check, setCheck] = useState<BoardCheck>({ state: 'checking' })
  const [mode, setMode] = useState<'idle' | 'renaming' | 'confirm-delete'>('idle')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const renameButton = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const { refresh } = actions

  useEffect(() => {
    let current = true
    void checkBoard(id).then((result) => {
      if (!current) return
      setCheck(result)
      // Renamed elsewhere, or made co-facilitator since: the list keeps what the server says.
      if (result.state === 'ready')
        refresh(id, { name: result.board.name, role: result.board.role })
    })
    return () => {
      current = false
    }
  }, [id, refresh])

  const facilitates = check.state === 'ready' && role === 'facilitator'
  // The board's last activity as the server knows it (anyone's edit, on any device).
  const editedAt = check.state === 'ready' ? Date.parse(check.board.lastActivityAt ?? '') : NaN
  const lastEdited = Number.isFinite(editedAt) ? editedAt : null
  const titleId = `known-board-${id}`

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setCheck({ state: 'gone' })
      setError(caught instanceof ApiError ? caught.message : 'Could not reach the server.')
    } finally {
      setBusy(false)
    }
  }

  const rename = (next: string): void =>
    void run(async () => {
      const renamed = await renameBoard(id, next)
      actions.refresh(id, { name: renamed.name })
      setMode('idle')
      renameButton.current?.focus()
    })

  const remove = (): void =>
    void run(async () => {
      await deleteBoard(id)
      dropLocalTraces(id)
      actions.forget(id)
      onRemoved(`“${name}” was deleted.`)
    })

  const forget = (): void => {
    if (check.state === 'gone') dropLocalTraces(id)
    actions.forget(id)
    onRemoved(`“${name}” was taken off this browser’s list.`)
  }

  return (
    <li className="home-board" data-testid="known-board" aria-labelledby={titleId}>
      <div className="home-board__summary">
        <span className="home-board__name" id={titleId} data-testid="known-board-name">
          {name}
        </span>
        <span className="home-board__meta">
          <span className="home-board__role" data-testid="known-board-role">
            {roleLabels[role]}
          </span>
          <span aria-hidden="true"> · </span>
          <time dateTime={new Date(known.openedAt).toISOString()}>
            {openedAgo(known.openedAt, Date.now())}
          </time>
          {lastEdited !== null && (
            <>
              <span aria-hidden="true"> · </span>
              <time dateTime={new Date(lastEdited).toISOString()} data-testid="known-board-edited">
                {editedAgo(lastEdited, Date.now())}
              </time>
            </>
          )}
        </span>
        <CheckNotice check={check} />
      </div>
      <div className="home-board__actions">
        {check.state !== 'gone' && check.state !== 'no-access' && (
          <Link to={boardPath(id)} className="button home-board__button">
            Open<VisuallyHidden> {name}</VisuallyHidden>
          </Link>
        )}
        {facilitates && (
          <button
            type="button"
            ref={renameButton}
            className="button button--quiet home-board__button"
            aria-expanded={mode === 'renaming'}
            disabled={busy}
            onClick={() => setMode(mode === 'renaming' ? 'idle' : 'renaming')}
          >
            Rename<VisuallyHidden> {name}</VisuallyHidden>
          </button>
        )}
        <button
          type="button"
          className="button button--quiet home-board__button"
          disabled={busy}
          onClick={forget}
        >
          Forget<VisuallyHidden> {name}</VisuallyHidden>
        </button>
        {facilitates && (
          <button
            type="button"
            ref={deleteButton}
            className="button button--quiet home-board__button home-board__button--danger"
            disabled={busy}
            onClick={() => setMode('confirm-delete')}
          >
            Delete…<VisuallyHidden> {name}</VisuallyHidden>
          </button>
        )}
      </div>
      {facilitates && mode === 'renaming' && (
        <RenameForm
          name={name}
          busy={busy}
          onSave={rename}
          onCancel={() => {
            setMode('idle')
            renameButton.current?.focus()
          }}
        />
      )}
      {facilitates && mode === 'confirm-delete' && (
        <div className="home-board__confirm" role="alertdialog" aria-label={`Delete ${name}`}>
          <p>
            Delete “{name}” for everyone? All stickies, votes and the backlog are gone for good, and
            everyone on the board is disconnected.
          </p>
          <div className="home-board__actions">
            <button
              type="button"
              className="button home-board__button home-board__button--solid-danger"
              disabled={busy}
              onClick={remove}
            >
              Delete the board
            </button>
            <button
              type="button"
              className="button button--quiet home-board__button"
              disabled={busy}
              // biome-ignore lint/a11y/noAutofocus: focus follows the user's own "Delete…" click; the safe choice takes it, so Enter alone never deletes anything.
              autoFocus
              onClick={() => {
                setMode('idle')
                deleteButton.current?.focus()
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="home-board__error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}

function CheckNotice({ check }: { check: BoardCheck }) {
  switch (check.state) {
    case 'gone':
      return (
        <span className="home-board__notice" data-testid="known-board-gone">
          This board was deleted.
        </span>
      )
    case 'no-access':
      return (
        <span className="home-board__notice">
          This browser’s link no longer opens it: ask the facilitator for a new one.
        </span>
      )
    case 'unreachable':
      return <span className="home-board__notice">Could not reach the server to check it.</span>
    default:
      return null
  }
}

function RenameForm({
  name,
  busy,
  onSave,
  onCancel,
}: {
  name: string
  busy: boolean
  onSave: (name: string) => void
  onCancel: () => void
}) {
  const [draft, setDraft] = useState(name)
  const trimmed = draft.trim()
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (trimmed !== '' && trimmed !== name) onSave(trimmed)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    }
  }
  return (
    <form className="home-board__rename" onSubmit={submit} onKeyDown={onKeyDown}>
      <input
        value={draft}
        maxLength={maxBoardNameLength}
        aria-label={`New name for ${name}`}
        // biome-ignore lint/a11y/noAutofocus: focus follows the user's own "Rename" click; typing the new name is the next thing to do.
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        disabled={busy}
      />
      <button
        type="submit"
        className="button home-board__button"
        disabled={busy || trimmed === '' || trimmed === name}
      >
        Save name
      </button>
      <button type="button" className="button button--quiet home-board__button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}

function VisuallyHidden({ children }: { children: string[] | string }) {
  return <span className="visually-hidden">{children}</span>
}
