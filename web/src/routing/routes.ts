/**
 * Three pages do not justify a router dependency: the pathname is parsed here and changed
 * through the History API, and the app re-renders on popstate.
 */

export type Route = { page: 'home' } | { page: 'board'; boardId: string } | { page: 'not-found' }

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return { page: 'home' }
  const match = /^\/b\/([^/]+)$/.exec(path)
  if (match?.[1] !== undefined) {
    try {
      // The board page decides whether the id is well-formed, so a mistyped link says
      // "board not found" rather than "page not found".
      return { page: 'board', boardId: decodeURIComponent(match[1]) }
    } catch {
      return { page: 'not-found' }
    }
  }
  return { page: 'not-found' }
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`
}

const locationChangeEvent = 'popstate'

export function navigate(path: string): void {
  if (path === window.location.pathname) return
  window.history.pushState(null, '', path)
  // pushState does not fire popstate; dispatching one lets a single listener serve both the
  // back button and in-app links.
  window.dispatchEvent(new PopStateEvent(locationChangeEvent))
}

export function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener(locationChangeEvent, onChange)
  return () => window.removeEventListener(locationChangeEvent, onChange)
}
