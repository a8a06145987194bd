import { Link } from '../ui/Link.tsx'

/** Why a board page cannot show (or go on showing) its board, other than "not found". */
export type BoardEndReason = 'link-invalid' | 'deleted' | 'edit-refused'

export function BoardEnded({ reason }: { reason: BoardEndReason }) {
  return (
    <main className="message-page">
      <div className="message-page__card" data-testid={`board-${reason}`} role="alert">
        {reason === 'link-invalid' && (
          <>
            <h1>This link is not valid (anymore)</h1>
            <p>
              Ask the facilitator for a new one: they may have renewed the board’s links, and the
              old ones stopped working.
            </p>
          </>
        )}
        {reason === 'deleted' && (
          <>
            <h1>This board was deleted</h1>
            <p>The facilitator deleted the board; its stickies are gone for everyone.</p>
          </>
        )}
        {reason === 'edit-refused' && (
          <>
            <h1>Your last change was refused</h1>
            <p>
              Only the facilitator may change that part of the board (the timeline, the steps, the
              timer, votes and assessments). Nothing of it was saved. Reload to carry on with the
              board as everyone else sees it.
            </p>
            <button
              type="button"
              className="button"
              data-testid="board-reload"
              // A full reload: the page's document holds the refused change and must not be reused.
              onClick={() => window.location.reload()}
            >
              Reload the board
            </button>
          </>
        )}
        {reason !== 'edit-refused' && (
          <Link to="/" className="button">
            Go to the home page
          </Link>
        )}
      </div>
    </main>
  )
}
