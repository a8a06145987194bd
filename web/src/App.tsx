import { lazy, Suspense, useSyncExternalStore } from 'react'
import { HomePage } from './pages/HomePage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'
import { parseRoute, subscribeToLocation } from './routing/routes.ts'

// tldraw is most of the bundle; the home page should not wait for it.
const BoardPage = lazy(async () => ({ default: (await import('./pages/BoardPage.tsx')).BoardPage }))

const currentPathname = (): string => window.location.pathname

export function App() {
  const pathname = useSyncExternalStore(subscribeToLocation, currentPathname)
  const route = parseRoute(pathname)
  switch (route.page) {
    case 'home':
      return <HomePage />
    case 'board':
      return (
        <Suspense fallback={null}>
          <BoardPage boardId={route.boardId} />
        </Suspense>
      )
    case 'not-found':
      return <NotFoundPage />
  }
}
