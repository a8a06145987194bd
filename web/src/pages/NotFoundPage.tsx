import { Link } from '../ui/Link.tsx'

export function NotFoundPage() {
  return (
    <main className="message-page">
      <div className="message-page__card" data-testid="page-not-found">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link to="/" className="button">
          Go to the home page
        </Link>
      </div>
    </main>
  )
}
