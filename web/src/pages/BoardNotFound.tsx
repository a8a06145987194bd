import { Link } from '../ui/Link.tsx'

export function BoardNotFound() {
  return (
    <main className="message-page">
      <div className="message-page__card" data-testid="board-not-found" role="alert">
        <h1>Board not found</h1>
        <p>
          This board does not exist, or the link is incomplete. Check the address you were sent.
        </p>
        <Link to="/" className="button">
          Go to the home page
        </Link>
      </div>
    </main>
  )
}
