import type { Editor, TLStore } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'

/**
 * Test and debugging hook: end-to-end tests (and curious operators in devtools) reach the live
 * editor, doc and provider through `window.__stormline`. It exposes nothing the page's own
 * JavaScript could not already reach, so it stays in production builds.
 */
export interface StormlineDebugHook {
  editor: Editor
  store: TLStore
  doc: Y.Doc
  provider: WebsocketProvider
}

declare global {
  interface Window {
    __stormline?: StormlineDebugHook
  }
}

export function exposeDebugHook(hook: StormlineDebugHook): () => void {
  window.__stormline = hook
  return () => {
    if (window.__stormline === hook) delete window.__stormline
  }
}
