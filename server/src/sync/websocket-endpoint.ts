import { CloseCode } from '@stormline/shared/sync/close-codes'
import { Hono } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import type { Logger } from '../logging/logger.ts'
import type { RoomRegistry } from '../rooms/room-registry.ts'
import type { RoomConnection, SyncSocket } from '../rooms/sync-socket.ts'

export interface WebsocketEndpointOptions {
  registry: RoomRegistry
  upgradeWebSocket: UpgradeWebSocket<WebSocket>
  logger: Logger
}

/** Adapts a Hono websocket to the sync core's socket interface. */
function toSyncSocket(ws: WSContext<WebSocket>): SyncSocket {
  return {
    send: (message) => {
      // A peer that is closing can still be in the room for a tick; drop, don't throw.
      if (ws.readyState === 1) ws.raw?.send(message)
    },
    close: (code, reason) => ws.close(code, reason),
  }
}

/**
 * `GET /sync/:boardId` upgrades to the y-websocket protocol. The socket is
 * always accepted first and then closed with a documented code when the board
 * is unknown, because browsers hide the HTTP status of a refused upgrade and a
 * client could not tell "no such board" from "server down".
 */
export function websocketEndpoint(options: WebsocketEndpointOptions): Hono {
  const app = new Hono()
  app.get(
    '/:boardId',
    options.upgradeWebSocket((c) => {
      const boardId = c.req.param('boardId') ?? ''
      let connection: RoomConnection | null = null
      let socket: SyncSocket | null = null
      return {
        onOpen: (_event, ws) => {
          socket = toSyncSocket(ws)
          connection = options.registry.connect(boardId, socket)
        },
        onMessage: (event, ws) => {
          if (typeof event.data === 'string') {
            connection?.disconnect()
            connection = null
            ws.close(CloseCode.unsupportedData, 'binary frames only')
            return
          }
          const data = event.data
          const bytes =
            data instanceof ArrayBuffer
              ? new Uint8Array(data)
              : new Uint8Array(data as ArrayBufferLike)
          connection?.receive(bytes)
        },
        onClose: () => {
          connection?.disconnect()
          connection = null
        },
        onError: (event) => {
          options.logger.warn('sync.socket_error', {
            boardId: boardId.slice(0, 64),
            event: String(event.type),
          })
          connection?.disconnect()
          connection = null
        },
      }
    }),
  )
  return app
}
