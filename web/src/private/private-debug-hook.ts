import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { PrivateConnection } from './private-connection.ts'

/**
 * Test and debugging hook, beside the board's `window.__stormline` (board/debug-hook.ts): this
 * page's private document. It is this person's own data, which the page already holds.
 */
export interface StormlinePrivateDebugHook {
  doc: Y.Doc
  provider: WebsocketProvider
}

declare global {
  interface Window {
    __stormlinePrivate?: StormlinePrivateDebugHook
  }
}

export function exposePrivateDebugHook(connection: PrivateConnection): () => void {
  const hook: StormlinePrivateDebugHook = { doc: connection.doc, provider: connection.provider }
  window.__stormlinePrivate = hook
  return () => {
    if (window.__stormlinePrivate === hook) delete window.__stormlinePrivate
  }
}
