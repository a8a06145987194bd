import { viewerTokenHeader } from '@stormline/shared/backlog/backlog-links'
import {
  backlogFileName,
  backlogFormats,
  backlogMediaTypes,
} from '@stormline/shared/backlog/export-backlog'
import { isBoardId } from '@stormline/shared/board/board-id'
import { Hono } from 'hono'
import { z } from 'zod'
import type { BoardStore } from '../boards/board-store.ts'
import type { DerivedReads } from '../derived/derived-reads.ts'
import { apiError } from './api-error.ts'
import { isCurrentViewerToken } from './viewer-link-token.ts'

const backlogQuery = z.object({ format: z.enum(backlogFormats).default('json') })

/**
 * `GET /api/boards/:id/backlog?format=md|csv|json|jira|github|linear`: the prioritised backlog
 * (or, for jira, github and linear, one tracker issue per item, to import there), computed from
 * the board as stored (or as live, when people are on it). The
 * UI's download buttons use this too, so the browser, the API and the CLI
 * give byte-identical files for the same board and public URL.
 *
 * With the board's current viewer token in the `X-Stormline-Viewer-Token`
 * header, every link in the file carries it, so anyone who has the file can
 * open the board read-only; any other token is refused (400), never put in a
 * file. The token is read from the header only and never logged.
 *
 * Both routes compute off the event loop and cache per board version (server/src/derived/).
 */
export function backlogRoutes(
  store: BoardStore,
  derived: DerivedReads,
  publicUrl: string | null,
): Hono {
  const app = new Hono()
  app.get('/:id/backlog', async (c) => {
    const id = c.req.param('id')
    const board = isBoardId(id) ? await store.getBoard(id) : undefined
    if (!board) return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    const query = backlogQuery.safeParse({ format: c.req.query('format') })
    if (!query.success) {
      return apiError(
        c,
        400,
        'invalid_format',
        `format must be one of: ${backlogFormats.join(', ')}.`,
      )
    }
    const { format } = query.data
    const viewerToken = c.req.header(viewerTokenHeader) || null
    if (viewerToken !== null && !(await isCurrentViewerToken(store, id, viewerToken))) {
      return apiError(
        c,
        400,
        'invalid_viewer_token',
        'This is not the board’s current viewer link, so the export cannot open the board for ' +
          'others: the viewer link may have been renewed. Copy the current viewer link from ' +
          'Share, or export without sharing access.',
      )
    }
    const baseUrl = publicUrl ?? new URL(c.req.url).origin
    const body = await derived.backlog(board, format, baseUrl, viewerToken)
    // Deleted since the lookup above.
    if (body === null) return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    c.header('Content-Type', backlogMediaTypes[format])
    c.header('Content-Disposition', `attachment; filename="${backlogFileName(board.name, format)}"`)
    c.header('Cache-Control', 'no-store')
    return c.body(body)
  })

  // The same suggestions the facilitator's panel shows, for integrations and for checking that
  // server and browser agree.
  app.get('/:id/suggestions', async (c) => {
    const id = c.req.param('id')
    const suggestions =
      isBoardId(id) && (await store.getBoard(id)) ? await derived.suggestions(id) : null
    if (suggestions === null) {
      return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    }
    // Already JSON text: sent as c.json would send the suggestions.
    return c.body(suggestions, 200, { 'Content-Type': 'application/json' })
  })
  return app
}
