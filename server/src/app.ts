import { createNodeWebSocket, type NodeWebSocket } from '@hono/node-ws'
import { maxStickyImportBytes } from '@stormline/shared/import/import-api'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import type { BoardStore } from './boards/board-store.ts'
import type { ServerConfig } from './config.ts'
import { createDerivedReads, type DerivedReads } from './derived/derived-reads.ts'
import { BoardHistory } from './history/board-history.ts'
import { apiError } from './http/api-error.ts'
import { backlogRoutes } from './http/backlog-routes.ts'
import { boardGuard } from './http/board-guard.ts'
import { linkOrigin } from './http/board-links.ts'
import { boardModelRoutes } from './http/board-model-routes.ts'
import { exportBoardRoute, importBoardRoute } from './http/board-transfer-routes.ts'
import { boardsRoutes, createBoardWithLinks } from './http/boards-routes.ts'
import { configRoutes } from './http/config-routes.ts'
import { creationGuard } from './http/creation-guard.ts'
import { historyRoutes } from './http/history-routes.ts'
import { memberRoutes } from './http/member-routes.ts'
import { requestLog } from './http/request-log.ts'
import { securityHeaders } from './http/security-headers.ts'
import { stickyImportRoutes } from './http/sticky-import-routes.ts'
import { vocabularyRoutes } from './http/vocabulary-routes.ts'
import { webAppRoutes } from './http/web-app.ts'
import type { Logger } from './logging/logger.ts'
import type { PrometheusMetrics } from './observability/prometheus-metrics.ts'
import type { RoomRegistry } from './rooms/room-registry.ts'
import { websocketEndpoint } from './sync/websocket-endpoint.ts'

export interface AppDependencies {
  config: ServerConfig
  store: BoardStore
  registry: RoomRegistry
  logger: Logger
  /** Served at `/metrics` when given. */
  metrics?: PrometheusMetrics
  /** The relay to the other nodes (scale-out mode): /readyz checks Redis answers too. */
  relay?: { ping(): Promise<void> }
  /** Backlog, model and suggestion reads (server/src/derived/); made from the registry when absent. */
  derived?: DerivedReads
  /** Board history (ADR 0015); made from the store, the registry and the config when absent. */
  history?: BoardHistory
}

export interface StormlineApp {
  app: Hono
  injectWebSocket: NodeWebSocket['injectWebSocket']
  /** The derived reads the app serves with: its owner closes them (their worker threads) on shutdown. */
  derived: DerivedReads
}

/** Composes the HTTP API, the websocket sync and the web app on one Hono app. */
export function createApp(deps: AppDependencies): StormlineApp {
  const app = new Hono()
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
  // node-ws creates its own server without options; ws reads this per upgrade,
  // so frames above the limit close the socket with 1009 before we see them.
  wss.options.maxPayload = deps.config.maxMessageBytes
  // Text frames are refused with 1003 whatever they hold; validating their UTF-8 first would
  // close invalid ones with 1007 instead, and the protocol uses none.
  wss.options.skipUTF8Validation = true

  // First: every request gets an id and one access-log line, whatever answers it.
  app.use('*', requestLog(deps.logger))
  app.use('*', securityHeaders())
  // The API is same-origin only, unless the operator lists other origins (ALLOWED_ORIGINS).
  if (deps.config.allowedOrigins.length > 0) {
    app.use('/api/*', cors({ origin: deps.config.allowedOrigins, credentials: true }))
  }
  // Imports carry a whole board; every other body is a few hundred bytes.
  const tooLarge = (c: Context): Response =>
    apiError(c, 413, 'body_too_large', 'The request body is too large.')
  // A board file is ~2.5× its document (base64 state plus readable maps), so a board at the size
  // limit must still import.
  const importLimit = bodyLimit({ maxSize: 3 * deps.config.maxBoardBytes, onError: tooLarge })
  const smallLimit = bodyLimit({ maxSize: 64 * 1024, onError: tooLarge })
  // Before the body is read: a client past its creation budget gets 429 at once.
  const creationLimit = creationGuard({
    perMinute: deps.config.createRatePerMinute,
    trustProxy: deps.config.trustProxy,
  })
  app.post('/api/boards', creationLimit)
  app.post('/api/boards/import', creationLimit)
  // Sticky imports (and their previews) parse up to a megabyte each: a budget of their own, so a
  // facilitator trying files does not use up the address's board creations, and the reverse.
  app.post(
    '/api/boards/:id/stickies/import',
    creationGuard({
      perMinute: deps.config.createRatePerMinute,
      trustProxy: deps.config.trustProxy,
      what: 'sticky imports',
    }),
  )
  // A CSV of stickies for one board (shared/src/import/): up to 1000 rows of long text.
  const stickyImportLimit = bodyLimit({ maxSize: maxStickyImportBytes, onError: tooLarge })
  const stickyImportPath = /^\/api\/boards\/[^/]+\/stickies\/import$/
  app.use('/api/*', (c, next) =>
    c.req.path === '/api/boards/import'
      ? importLimit(c, next)
      : stickyImportPath.test(c.req.path)
        ? stickyImportLimit(c, next)
        : smallLimit(c, next),
  )
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  // Ready = the store answers, and Redis too in scale-out mode (a load balancer takes a node out
  // while either does not).
  app.get('/readyz', async (c) => {
    const checks: Record<string, 'ok' | 'failed'> = {}
    try {
      await deps.store.getBoard('readiness-probe')
      checks.store = 'ok'
    } catch (error) {
      deps.logger.warn('http.not_ready', { check: 'store', error })
      checks.store = 'failed'
    }
    if (deps.relay) {
      try {
        await deps.relay.ping()
        checks.redis = 'ok'
      } catch (error) {
        deps.logger.warn('http.not_ready', { check: 'redis', error })
        checks.redis = 'failed'
      }
    }
    const ready = Object.values(checks).every((check) => check === 'ok')
    return c.json({ status: ready ? 'ready' : 'not_ready', checks }, ready ? 200 : 503)
  })
  const metrics = deps.metrics
  if (metrics) {
    app.get('/metrics', async (c) => {
      const { contentType, body } = await metrics.scrape()
      return c.body(body, 200, { 'content-type': contentType })
    })
  }

  // Every board route below needs a token of at least this role (ADR 0008).
  const guard = boardGuard(deps.store)
  app.get('/api/boards/:id/model', guard('viewer'))
  app.get('/api/boards/:id/backlog', guard('viewer'))
  app.get('/api/boards/:id/suggestions', guard('viewer'))
  app.get('/api/boards/:id/export', guard('facilitator'))

  // Whole-board files (server/src/boards/board-file.ts): export behind the facilitator guard
  // above; import needs no token and creates a new board with its own three links.
  app.get('/api/boards/:id/export', exportBoardRoute(deps.store, deps.registry))
  app.post(
    '/api/boards/import',
    importBoardRoute(deps.store, {
      maxDocumentBytes: deps.config.maxBoardBytes,
      create: async (c, board, update) =>
        c.json(
          await createBoardWithLinks(
            deps.store,
            board,
            linkOrigin(c, deps.config.publicUrl),
            update,
          ),
          201,
        ),
    }),
  )

  app.route(
    '/api/boards',
    boardsRoutes({
      store: deps.store,
      registry: deps.registry,
      publicUrl: deps.config.publicUrl,
    }),
  )
  app.route(
    '/api/boards',
    memberRoutes({
      store: deps.store,
      registry: deps.registry,
      publicUrl: deps.config.publicUrl,
    }),
  )
  app.route('/api/boards', stickyImportRoutes(deps.store, deps.registry))
  const history =
    deps.history ??
    new BoardHistory({
      store: deps.store,
      documents: deps.registry,
      logger: deps.logger,
      retention: deps.config.history,
    })
  app.route('/api/boards', historyRoutes(deps.store, history))
  // Worker threads start with the first such read, so an app that serves none starts none.
  const derived =
    deps.derived ??
    createDerivedReads({
      documents: deps.registry,
      workers: deps.config.derivedWorkers,
      metrics: deps.metrics?.derived,
      vocabulary: deps.config.vocabulary,
    })
  app.route('/api/boards', boardModelRoutes(deps.store, derived))
  app.route('/api/boards', backlogRoutes(deps.store, derived, deps.config.publicUrl))
  app.route('/api/config', configRoutes({ tldrawLicenseKey: deps.config.tldrawLicenseKey }))
  app.route('/api/vocabulary', vocabularyRoutes(deps.config.vocabulary))
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', 'No such API endpoint.'))
  app.route(
    '/sync',
    websocketEndpoint({
      registry: deps.registry,
      store: deps.store,
      upgradeWebSocket,
      logger: deps.logger,
      allowedOrigins: deps.config.allowedOrigins,
      heartbeatMs: deps.config.heartbeatMs,
      sendBufferBytes: deps.config.sendBufferBytes,
      metrics: deps.metrics?.sync,
    }),
  )
  if (deps.config.webDist) app.route('/', webAppRoutes(deps.config.webDist))

  app.onError((error, c) => {
    deps.logger.error('http.unhandled_error', { path: c.req.path, error })
    return apiError(c, 500, 'internal_error', 'Something went wrong on the server.')
  })
  return { app, injectWebSocket, derived }
}
