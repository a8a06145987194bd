import { effectiveRole } from '@stormline/shared/access/identity'
import { boardSchema } from '@stormline/shared/sync/board-schema'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { privateRoomSuffix } from '@stormline/shared/sync/private-layout'
import { type SchemaSequences, schemaParamName } from '@stormline/shared/sync/schema-compat'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { resolveBoardAccess } from '../access/board-access.ts'
import type { Awaitable } from '../boards/awaitable.ts'
import { BoardNotFoundError, type BoardStore } from '../boards/board-store.ts'
import { apiError } from '../http/api-error.ts'
import { requestToken } from '../http/request-token.ts'
import { requestMemberCredential, socketMember } from '../identity/socket-member.ts'
import type { Logger } from '../logging/logger.ts'
import type { RoomRegistry, SocketIdentity } from '../rooms/room-registry.ts'
import type { SyncMetrics } from '../rooms/sync-metrics.ts'
import type { RoomConnection, SyncSocket } from '../rooms/sync-socket.ts'
import { installErrorEventShim } from './error-event-shim.ts'
import { schemaHandshake } from './schema-handshake.ts'

export interface WebsocketEndpointOptions {
  registry: RoomRegistry
  store: BoardStore
  upgradeWebSocket: UpgradeWebSocket<WebSocket>
  logger: Logger
  /** Browser origins other than the server's own that may open a socket. */
  allowedOrigins: readonly string[]
  /** Ping interval; a socket that did not answer the previous ping is dropped (0: off). */
  heartbeatMs: number
  /**
   * A socket with more than this many bytes not yet taken by its peer is closed with 4529 instead
   * of buffering more (default: no bound). Must hold a whole board: a first sync sends it at once.
   */
  sendBufferBytes?: number
  /** The tldraw schema boards are stored in (SCHEMA-1; default: the board schema). */
  schema?: SchemaSequences
  /** Counts closes by code (refusals included). */
  metrics?: SyncMetrics
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
        // A socket paused for backpressure (BAD-2) cannot read the pong: we stopped reading it.
        if (raw.isPaused) {
          alive.set(raw, true)
          continue
        }
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

/**
 * Adapts a Hono websocket to the sync core's socket interface: sends, closes, and pauses reading
 * (BAD-2). `overloaded` is called, instead of sending, once the peer has fallen `sendBufferBytes`
 * behind; ws then sends the close frame after what is buffered and destroys the socket if the
 * peer does not answer within its close timeout (30 s), so the memory is bounded either way.
 */
function toSyncSocket(
  ws: WSContext<WebSocket>,
  sendBufferBytes: number,
  overloaded: (bufferedBytes: number) => void,
): SyncSocket {
  return {
    send: (message) => {
      const raw = ws.raw
      // A peer that is closing can still be in the room for a tick; drop, don't throw.
      if (ws.readyState !== 1 || !raw) return
      // A message into an empty buffer always goes: a first sync is one (big) message.
      if (raw.bufferedAmount > 0 && raw.bufferedAmount + message.byteLength > sendBufferBytes) {
        overloaded(raw.bufferedAmount)
        return
      }
      raw.send(message)
    },
    close: (code, reason) => {
      ws.close(code, reason)
      // A socket paused for backpressure would never read the peer's answering close frame, and
      // the peer would see the close only when ws gives up waiting (30 s).
      ws.raw?.resume()
    },
    pause: () => ws.raw?.pause(),
    resume: () => ws.raw?.resume(),
  }
}

/** Attaches an accepted socket to the document its route serves (RoomRegistry.connect…). */
type Attach = (
  boardId: string,
  socket: SyncSocket,
  identity: SocketIdentity,
) => Awaitable<RoomConnection | null>

/**
 * Most a socket may send before it is attached (its access, member and board are being read
 * from a store that answers later): a client sends its sync step 1 and presence, a few KB.
 */
const maxEarlyBytes = 4 * 1024 * 1024

/**
 * `GET /sync/:boardId` upgrades to the y-websocket protocol on the board's shared document;
 * `GET /sync/:boardId/private` on the private document of the socket's member (ADR 0013: a stock
 * WebsocketProvider with room name `<boardId>/private` reaches it). The token comes from
 * `?token=` or the board's cookie (browsers send it on a same-origin handshake), the member
 * credential from `?member=`, the X-Stormline-Member header or the member cookie; a socket
 * without a valid credential gets a member of its own, so one socket is never more than one
 * person. The socket is always accepted first and then closed with a documented code when the
 * board is unknown (4404) or the token missing or wrong (4401), because browsers hide the HTTP
 * status of a refused upgrade and a client could not tell "no such board" from "server down". A
 * client that sends its tldraw schema (`?schema=`) is refused when it cannot work on the board
 * (SCHEMA-1, schema-handshake.ts).
 */
export function websocketEndpoint(options: WebsocketEndpointOptions): Hono {
  installErrorEventShim()
  const app = new Hono()
  const handle = syncHandler(options)
  const checkOrigin: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin')
    if (isAllowedOrigin(origin, c.req.header('host'), options.allowedOrigins)) return next()
    options.logger.warn('sync.origin_refused', { origin: origin?.slice(0, 200) })
    return apiError(c, 403, 'origin_not_allowed', 'This origin may not open a board.')
  }
  const privatePath = `/:boardId/${privateRoomSuffix}`
  app.get('/:boardId', checkOrigin)
  app.get(privatePath, checkOrigin)
  app.get(
    '/:boardId',
    handle((boardId, socket, identity) => options.registry.connect(boardId, socket, identity)),
  )
  app.get(
    privatePath,
    handle((boardId, socket, identity) =>
      options.registry.connectPrivate(boardId, socket, identity),
    ),
  )
  return app
}

/**
 * The upgrade handler both routes share: access, member, schema, heartbeat and backpressure are
 * the same; only the document the socket is attached to differs.
 */
function syncHandler(options: WebsocketEndpointOptions): (attach: Attach) => MiddlewareHandler {
  const watch = startHeartbeat(options.heartbeatMs)
  const schema = options.schema ?? boardSchema.serialize()
  const sendBufferBytes = options.sendBufferBytes ?? Number.POSITIVE_INFINITY
  return (attach) =>
    options.upgradeWebSocket((c: Context) => {
      const boardId = c.req.param('boardId') ?? ''
      // Resolved once, at the handshake: a later rotation closes the socket from the registry.
      const token = requestToken(c, boardId)
      const credential = requestMemberCredential(c, boardId)
      const schemaVerdict = schemaHandshake(c.req.query(schemaParamName), schema)
      let connection: RoomConnection | null = null
      // Frames that arrive while the socket is being attached wait here, in order.
      let early: Uint8Array[] | null = []
      let earlyBytes = 0
      let gone = false
      const leave = (): void => {
        gone = true
        early = null
        connection?.disconnect()
        connection = null
      }
      const attached = (attachedConnection: RoomConnection | null): void => {
        const waiting = early ?? []
        early = null
        if (gone) {
          attachedConnection?.disconnect()
          return
        }
        connection = attachedConnection
        for (const message of waiting) connection?.receive(message)
      }
      return {
        onOpen: (_event, ws) => {
          if (ws.raw) watch(ws.raw)
          // Whoever closes and why: every refusal (44xx), overload (4529) or normal goodbye.
          ws.raw?.once('close', (code: number) => options.metrics?.socketClosed(code))
          const socket = toSyncSocket(ws, sendBufferBytes, (bufferedBytes) => {
            options.logger.warn('sync.send_overloaded', { boardId, bufferedBytes })
            socket.close(CloseCode.overloaded, 'peer too far behind')
            // Not while the room is relaying to it: leaving could unload the room mid-update.
            setImmediate(leave)
          })
          const setUp = async (): Promise<RoomConnection | null> => {
            const access = await resolveBoardAccess(options.store, boardId, token)
            if (gone) return null
            switch (access.kind) {
              case 'granted': {
                if (schemaVerdict.kind === 'refuse') {
                  options.logger.info('sync.schema_refused', {
                    boardId,
                    code: schemaVerdict.code,
                    reason: schemaVerdict.reason,
                  })
                  ws.close(schemaVerdict.code, schemaVerdict.reason)
                  return null
                }
                const identity = await resolveIdentity(
                  options,
                  boardId,
                  access.role,
                  credential,
                  ws,
                )
                if (!identity || gone) return null
                return attach(boardId, socket, identity)
              }
              case 'board_not_found':
                options.logger.info('sync.unknown_board', { boardId: boardId.slice(0, 64) })
                ws.close(CloseCode.boardNotFound, 'board not found')
                return null
              default:
                options.logger.warn('sync.unauthorized', { boardId, reason: access.kind })
                ws.close(CloseCode.unauthorized, access.kind)
                return null
            }
          }
          setUp().then(attached, (error: unknown) => {
            options.logger.error('sync.attach_failed', { boardId: boardId.slice(0, 64), error })
            attached(null)
            ws.close(CloseCode.internalError, 'board could not be opened')
          })
        },
        onMessage: (event, ws) => {
          // Closed by the server (e.g. for overload): the peer's last frames change nothing.
          if (ws.readyState !== 1) return
          if (typeof event.data === 'string') {
            options.logger.warn('sync.text_frame', { boardId: boardId.slice(0, 64) })
            leave()
            ws.close(CloseCode.unsupportedData, 'binary frames only')
            return
          }
          const data = event.data
          const bytes =
            data instanceof ArrayBuffer
              ? new Uint8Array(data)
              : new Uint8Array(data as ArrayBufferLike)
          if (early) {
            earlyBytes += bytes.byteLength
            if (earlyBytes > maxEarlyBytes) {
              options.logger.warn('sync.overloaded', { boardId, queuedBytes: earlyBytes })
              leave()
              ws.close(CloseCode.overloaded, 'too many messages before the board opened')
              return
            }
            early.push(bytes)
            return
          }
          connection?.receive(bytes)
        },
        onClose: leave,
        onError: (event) => {
          const error = (event as Event & { error?: unknown }).error
          options.logger.warn('sync.socket_error', {
            boardId: boardId.slice(0, 64),
            // e.g. WS_ERR_UNSUPPORTED_MESSAGE_LENGTH for a frame over MAX_MESSAGE_BYTES (closed 1009).
            code: (error as { code?: unknown } | undefined)?.code,
            message: error instanceof Error ? error.message : String(event.type),
          })
          leave()
        },
      }
    })
}

/**
 * The member behind an accepted socket and the role it acts with (ADR 0013). Only a socket
 * whose token was accepted gets here, so nobody can mint members without a link. Null (socket
 * closed) if the board went away meanwhile or the store failed.
 */
async function resolveIdentity(
  options: WebsocketEndpointOptions,
  boardId: string,
  linkRole: SocketIdentity['linkRole'],
  credential: string | undefined,
  ws: WSContext<WebSocket>,
): Promise<SocketIdentity | null> {
  try {
    const member = await socketMember(options.store, boardId, credential, new Date())
    return { role: effectiveRole(linkRole, member.grant), linkRole, memberId: member.memberId }
  } catch (error) {
    if (error instanceof BoardNotFoundError) {
      ws.close(CloseCode.boardNotFound, 'board not found')
    } else {
      options.logger.error('sync.member_failed', { boardId, error })
      ws.close(CloseCode.internalError, 'member could not be resolved')
    }
    return null
  }
}
