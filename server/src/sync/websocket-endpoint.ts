import { CloseCode } from '@stormline/shared/sync/close-codes'
import { Hono } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { resolveBoardAccess } from '../access/board-access.ts'
import type { BoardStore } from '../boards/board-store.ts'
import { apiError } from '../http/api-error.ts'
import { requestToken } from '../http/request-token.ts'
import type { Logger } from '../logging/logger.ts'
import type { RoomRegistry } from '../rooms/room-registry.ts'
import type { RoomConnection, SyncSocket } from '../rooms/sync-socket.ts'
import { installErrorEventShim } from './error-event-shim.ts'

export interface WebsocketEndpointOptions {
  registry: RoomRegistry
  store: BoardStore
  upgradeWebSocket: UpgradeWebSocket<WebSocket>
  logger: Logger
  /** Browser origins other than the server's own that may open a socket. */
  allowedOrigins: readonly string[]
  /** Ping interval; a socket that did not answer the previous ping is dropped (0: off). */
  heartbeatMs: number
}

/**
 * Browsers always send Origin on a websocket handshake, so a page on another
 * site cannot ride on a visitor's access to a board. Clients without an Origin
 * (scripts, the CLI, other servers) are not browsers and are let through.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true
  try {
    const url = new URL(origin)
    return url.host === host || allowed.includes(url.origin)
  } catch {
    return false
  }
}

/**
 * Drops sockets whose peer vanished without closing (laptop lid shut, network
 * gone): their rooms would otherwise keep a ghost cursor and never unload.
 */
function startHeartbeat(intervalMs: number): (raw: WebSocket) => void {
  const alive = new WeakMap<WebSocket, boolean>()
  const sockets = new Set<WebSocket>()
  if (intervalMs > 0) {
    setInterval(() => {
      for (const raw of sockets) {
        if (alive.get(raw) === false) {
          sockets.delete(raw)
          raw.terminate()
          continue
        }
        alive.set(raw, false)
        raw.ping()
      }
    }, intervalMs).unref()
  }
  return (raw) => {
    if (intervalMs <= 0) return
    sockets.add(raw)
    alive.set(raw, true)
    raw.on('pong', () => alive.set(raw, true))
    raw.once('close', () => sockets.delete(raw))
  }
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
 * `GET /sync/:boardId` upgrades to the y-websocket protocol. The token comes from `?token=` or
 * the board's cookie (browsers send it on a same-origin handshake). The socket is always
 * accepted first and then closed with a documented code when the board is unknown (4404) or
 * the token missing or wrong (4401), because browsers hide the HTTP status of a refused
 * upgrade and a client could not tell "no such board" from "server down".
 */
export function websocketEndpoint(options: WebsocketEndpointOptions): Hono {
  installErrorEventShim()
  const app = new Hono()
  const watch = startHeartbeat(options.heartbeatMs)
  app.get('/:boardId', (c, next) => {
    const origin = c.req.header('origin')
    if (isAllowedOrigin(origin, c.req.header('host'), options.allowedOrigins)) return next()
    options.logger.warn('sync.origin_refused', { origin: origin?.slice(0, 200) })
    return apiError(c, 403, 'origin_not_allowed', 'This origin may not open a board.')
  })
  app.get(
    '/:boardId',
    options.upgradeWebSocket((c) => {
      const boardId = c.req.param('boardId') ?? ''
      // Resolved once, at the handshake: a later rotation closes the socket from the registry.
      const access = resolveBoardAccess(options.store, boardId, requestToken(c, boardId))
      let connection: RoomConnection | null = null
      let socket: SyncSocket | null = null
      return {
        onOpen: (_event, ws) => {
          if (ws.raw) watch(ws.raw)
          socket = toSyncSocket(ws)
          switch (access.kind) {
            case 'granted':
              connection = options.registry.connect(boardId, socket, access.role)
              return
            case 'board_not_found':
              options.logger.info('sync.unknown_board', { boardId: boardId.slice(0, 64) })
              ws.close(CloseCode.boardNotFound, 'board not found')
              return
            default:
              options.logger.warn('sync.unauthorized', { boardId, reason: access.kind })
              ws.close(CloseCode.unauthorized, access.kind)
          }
        },
        onMessage: (event, ws) => {
          if (typeof event.data === 'string') {
            options.logger.warn('sync.text_frame', { boardId: boardId.slice(0, 64) })
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
          const error = (event as Event & { error?: unknown }).error
          options.logger.warn('sync.socket_error', {
            boardId: boardId.slice(0, 64),
            // e.g. WS_ERR_UNSUPPORTED_MESSAGE_LENGTH for a frame over MAX_MESSAGE_BYTES (closed 1009).
            code: (error as { code?: unknown } | undefined)?.code,
            message: error instanceof Error ? error.message : String(event.type),
          })
          connection?.disconnect()
          connection = null
        },
      }
    }),
  )
  return app
}
