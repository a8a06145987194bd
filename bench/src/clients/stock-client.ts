import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ServerHandle } from '../servers/server-handle.ts'
import type { BoardRoom } from './board-room.ts'

/**
 * One participant using the stock client of the server it talks to: y-websocket's
 * `WebsocketProvider` for Stormline and the y-websocket server, `@hocuspocus/provider` for
 * Hocuspocus. Both get the `ws` package as their WebSocket so the client side is identical.
 */
export interface StockClient {
  readonly doc: Y.Doc
  /** Resolves after the first full sync with the server. */
  readonly synced: Promise<void>
  destroy(): void
}

// y-websocket types its polyfill as the DOM WebSocket class; ws implements the same interface
// for what the provider uses (binaryType, send, close, on* handlers).
const WebSocketPolyfill = WebSocket as unknown as typeof globalThis.WebSocket

export function connectClient(
  server: ServerHandle,
  room: BoardRoom,
  doc: Y.Doc = new Y.Doc(),
): StockClient {
  if (server.kind === 'hocuspocus') return connectHocuspocus(server, room, doc)
  const provider = new WebsocketProvider(server.wsUrl, room.name, doc, {
    WebSocketPolyfill,
    disableBc: true,
    params: room.token ? { token: room.token } : {},
  })
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean): void => {
      if (!isSynced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

function connectHocuspocus(server: ServerHandle, room: BoardRoom, doc: Y.Doc): StockClient {
  // One socket per participant, as with separate browsers.
  const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill })
  let resolveSynced: () => void = () => {}
  const synced = new Promise<void>((resolve) => {
    resolveSynced = resolve
  })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room.name,
    document: doc,
    onSynced: ({ state }) => {
      if (state) resolveSynced()
    },
  })
  // A provider handed its own socket does not attach to it by itself.
  provider.attach()
  return {
    doc,
    synced,
    destroy: () => {
      provider.destroy()
      socket.destroy()
      doc.destroy()
    },
  }
}
