import { boardLinkPath } from '@stormline/shared/access/roles'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { defaultBoardName, maxBoardNameLength } from '@stormline/shared/api/types'
import { type BoardTemplateId, defaultBoardTemplate } from '@stormline/shared/board/templates'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import { rememberLinks } from '../access/use-saved-links.ts'
import { ApiError, createBoard, importBoard } from '../api/client.ts'
import { YourBoards } from '../home/YourBoards.tsx'
import { navigate } from '../routing/routes.ts'
import { TemplateSelect } from '../timeline/TemplateSelect.tsx'

export function HomePage() {
  const [name, setName] = useState('')
  const [template, setTemplate] = useState<BoardTemplateId>(defaultBoardTemplate)
  const [anonymous, setAnonymous] = useState(false)
  const [creating, setCreating] = useState(false)
  const [error, setError] = useState<string | null>(null)

  /** Creates a board one way or another, then opens it as its facilitator. */
  async function open(create: () => Promise<CreatedBoard>): Promise<void> {
    setCreating(true)
    setError(null)
    try {
      const board = await create()
      // This browser is the only place the links are ever shown in full (the server keeps hashes).
      rememberLinks(board.id, board.links)
      // Opened in-page as the facilitator's own link, so the token becomes the board's cookie.
      navigate(boardLinkPath(board.id, board.tokens.facilitator))
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught.message
          : 'Could not reach the server. Check your connection and try again.',
      )
      setCreating(false)
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    const trimmed = name.trim()
    void open(() => createBoard(trimmed === '' ? undefined : trimmed, template, anonymous))
  }

  function importFile(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file !== undefined) void open(async () => importBoard(await file.text()))
  }

  return (
    <main className="home">
      <div className="home__columns">
        <div className="home__card">
          <h1 className="home__title">Stormline</h1>
          <p className="home__tagline">
            A shared whiteboard for event-storming workshops: map the domain together in real time,
            then turn it into a prioritised backlog.
          </p>
          <form className="home__form" onSubmit={submit}>
            <label className="home__label" htmlFor="board-name">
              Board name <span className="home__optional">(optional)</span>
            </label>
            <input
              id="board-name"
              data-testid="board-name-input"
              maxLength={maxBoardNameLength}
              placeholder={defaultBoardName}
              value={name}
              onChange={(event) => setName(event.target.value)}
              disabled={creating}
            />
            <TemplateSelect value={template} onChange={setTemplate} disabled={creating} />
            <label className="home__check">
              <input
                type="checkbox"
                data-testid="anonymous-board"
                checked={anonymous}
                onChange={(event) => setAnonymous(event.target.checked)}
                disabled={creating}
              />
              <span>
                Anonymous board{' '}
                <span className="home__optional">(no author names; can be changed later)</span>
              </span>
            </label>
            <button type="submit" className="button" data-testid="new-board" disabled={creating}>
              {creating ? 'Creating…' : 'New board'}
            </button>
            <label className="home__import">
              <span className="button button--quiet">Import a board file…</span>
              <input
                type="file"
                accept=".json,application/json"
                data-testid="import-board"
                onChange={importFile}
                disabled={creating}
              />
            </label>
            {error !== null && (
              <p className="home__error" role="alert">
                {error}
              </p>
            )}
          </form>
        </div>
        <YourBoards />
      </div>
    </main>
  )
}
