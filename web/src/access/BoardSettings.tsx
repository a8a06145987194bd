import { maxBoardNameLength } from '@stormline/shared/api/types'
import { sessionKeys } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { type FormEvent, useState } from 'react'
import { ApiError, boardFileUrl, deleteBoard, renameBoard } from '../api/client.ts'
import { useBoardUi } from '../board/board-context.ts'
import { useAnonymous } from '../board/use-anonymous.ts'
import { forgetKnownBoard } from '../home/use-known-boards.ts'
import { navigate } from '../routing/routes.ts'
import { forgetLinks } from './use-saved-links.ts'

/** The facilitator's board settings, under the links in the share panel. */
export function BoardSettings() {
  const { connection, board, renamed } = useBoardUi()
  const { doc, boardId } = connection
  const anonymous = useAnonymous()
  const [name, setName] = useState(board.name)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true)
    setMessage(null)
    try {
      await action()
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Could not reach the server.')
    } finally {
      setBusy(false)
    }
  }

  const rename = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const trimmed = name.trim()
    if (trimmed === '' || trimmed === board.name) return
    void run(async () => {
      renamed(await renameBoard(boardId, trimmed))
      setMessage('Board renamed.')
    })
  }

  const remove = (): void =>
    void run(async () => {
      await deleteBoard(boardId)
      forgetLinks(boardId)
      forgetKnownBoard(boardId)
      navigate('/')
    })

  return (
    <div className="stormline-share__settings">
      <h3>Board</h3>
      <form className="stormline-share__row" onSubmit={rename}>
        <input
          value={name}
          maxLength={maxBoardNameLength}
          aria-label="Board name"
          data-testid="board-rename-input"
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="stormline-button"
          data-testid="board-rename-save"
          disabled={busy || name.trim() === '' || name.trim() === board.name}
        >
          Rename
        </button>
      </form>
      <label className="stormline-share__check">
        <input
          type="checkbox"
          checked={anonymous}
          data-testid="anonymous-toggle"
          onChange={(event) =>
            doc.getMap<unknown>(docLayout.session).set(sessionKeys.anonymous, event.target.checked)
          }
        />
        <span>
          Anonymous mode
          <span className="stormline-share__hint">
            New stickies carry no author name; nobody’s name shows on stickies, in the backlog or on
            estimates.
          </span>
        </span>
      </label>
      <a
        className="stormline-button"
        href={boardFileUrl(boardId)}
        download
        data-testid="board-export"
        title="The whole board as a file: a backup, or a copy to import on another Stormline"
      >
        Download board file
      </a>
      {confirmDelete ? (
        <div className="stormline-share__confirm" role="alertdialog" aria-label="Delete board">
          <p>
            Delete “{board.name}” for everyone? All stickies, votes and the backlog are gone for
            good, and everyone on the board is disconnected.
          </p>
          <div className="stormline-share__actions">
            <button
              type="button"
              className="stormline-button stormline-button--danger"
              data-testid="board-delete-confirm"
              disabled={busy}
              onClick={remove}
            >
              Delete the board
            </button>
            <button
              type="button"
              className="stormline-button"
              disabled={busy}
              onClick={() => setConfirmDelete(false)}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="stormline-button stormline-button--danger"
          data-testid="board-delete"
          onClick={() => setConfirmDelete(true)}
        >
          Delete board…
        </button>
      )}
      {message !== null && (
        <p className="stormline-share__message" role="status">
          {message}
        </p>
      )}
    </div>
  )
}
