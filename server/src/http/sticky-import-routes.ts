import { randomUUID } from 'node:crypto'
import { readBoard } from '@stormline/shared/board/read-board'
import type {
  StickyImportDone,
  StickyImportFileRefused,
  StickyImportPreview,
  StickyImportRefused,
} from '@stormline/shared/import/import-api'
import {
  type ImportedSticky,
  planStickyImport,
  type StickyImportParse,
} from '@stormline/shared/import/sticky-import'
import {
  importedStickyRecords,
  topShapeIndex,
} from '@stormline/shared/import/sticky-import-records'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject } from '@stormline/shared/sync/json-value'
import { putRecord, readRecordsJson } from '@stormline/shared/sync/record-layout'
import { Hono } from 'hono'
import type * as Y from 'yjs'
import type { BoardStore } from '../boards/board-store.ts'
import type { RoomRegistry } from '../rooms/room-registry.ts'
import { apiError } from './api-error.ts'
import { type BoardGuardEnv, boardGuard } from './board-guard.ts'

/** A new shape's record id, as tldraw's createShapeId makes one (unique, opaque). */
const createShapeId = (): string => `shape:${randomUUID()}`

/** Media types a browser or a script sends a .csv file with. */
const csvType = /^\s*(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)\s*(;|$)/i

interface Planned {
  parse: StickyImportParse
  pageId: string | null
  topIndex: string | null
}

/** Plans an import against the board's document as it is now. */
function planAgainst(doc: Y.Doc, csv: string): Planned {
  const records = readRecordsJson(doc)
  const model = readBoard(records, doc.getMap<unknown>(docLayout.session).toJSON())
  const values = Object.values(records)
  const firstPage = values
    .filter((r) => isJsonObject(r) && r.typeName === 'page' && typeof r.id === 'string')
    .map((r) => String((r as { id: string }).id))
    .sort()[0]
  const pageId = model.timeline?.pageId ?? firstPage ?? null
  return {
    parse: planStickyImport(csv, model),
    pageId,
    topIndex: pageId === null ? null : topShapeIndex(values, pageId),
  }
}

function stickiesOf(planned: Planned): ImportedSticky[] {
  if (!planned.parse.ok) return []
  return planned.parse.plan.rows.flatMap((row) => ('sticky' in row ? [row.sticky] : []))
}

/**
 * `POST /api/boards/:id/stickies/import` (facilitator): a CSV of stickies placed on the board in
 * their phases (shared/src/import/). With `?dryRun=1` it answers what it would do, row by row,
 * and writes nothing. Otherwise every row must be right, or nothing is written (422 with the
 * rows); all stickies are then written in one server change, so people on the board see them
 * appear at once and the store holds all of them or none.
 */
export function stickyImportRoutes(store: BoardStore, registry: RoomRegistry): Hono<BoardGuardEnv> {
  const app = new Hono<BoardGuardEnv>()
  const guard = boardGuard(store)

  app.post('/:id/stickies/import', guard('facilitator'), async (c) => {
    const boardId = c.var.board.id
    if (!csvType.test(c.req.header('content-type') ?? '')) {
      return apiError(c, 400, 'not_csv', 'Send the file as text/csv (a .csv file).')
    }
    let csv: string
    try {
      csv = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer())
    } catch {
      return apiError(c, 400, 'not_utf8', 'The file is not UTF-8 text. Save it as "CSV UTF-8".')
    }
    // NUL never occurs in text a spreadsheet saves: this is a binary file sent as CSV.
    if (csv.includes('\u0000')) {
      return apiError(c, 400, 'not_csv', 'The file is not a CSV text file.')
    }
    const fileError = (planned: Planned): Response | null => {
      if (planned.parse.ok) {
        if (planned.pageId !== null) return null
        return apiError(
          c,
          409,
          'board_not_ready',
          'This board has no page yet: open it once in the browser, then import.',
        )
      }
      const { code, message, line } = planned.parse.error
      const body: StickyImportFileRefused = { error: { code, message }, line }
      return c.json(body, 400)
    }

    const preview = await registry.readDocument(boardId, (doc) => planAgainst(doc, csv))
    const refused = fileError(preview)
    if (refused || !preview.parse.ok) return refused ?? c.body(null, 500)
    const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '')
    if (dryRun) {
      const body: StickyImportPreview = preview.parse.plan
      return c.json(body)
    }
    if (!preview.parse.plan.ok) return c.json(rowsRefused(preview.parse.plan.rows), 422)

    // Planned again inside the write, against the document it changes: a sticky someone added
    // meanwhile is still not overlapped, and a phase removed meanwhile fails the whole import.
    const ids = stickiesOf(preview).map(() => createShapeId())
    let written: Planned | undefined
    let wrote = false
    await registry.writeDocument(boardId, (doc) => {
      const planned = planAgainst(doc, csv)
      written = planned
      const stickies = stickiesOf(planned)
      if (!planned.parse.ok || !planned.parse.plan.ok || planned.pageId === null) return
      // The file is the same, so only a board changed meanwhile could plan other stickies.
      if (stickies.length !== ids.length) return
      wrote = true
      let next = 0
      const records = importedStickyRecords(stickies, {
        pageId: planned.pageId,
        topIndex: planned.topIndex,
        now: new Date(),
        newId: () => ids[next++] ?? createShapeId(),
      })
      const map = doc.getMap<unknown>(docLayout.records)
      for (const record of records) putRecord(map, record)
    })
    // A room busy loading runs the change a moment later (it is queued, never dropped).
    const outcome = written ?? preview
    if (!outcome.parse.ok) return fileError(outcome) ?? c.body(null, 500)
    if (!outcome.parse.plan.ok) return c.json(rowsRefused(outcome.parse.plan.rows), 422)
    if (written !== undefined && !wrote) {
      return apiError(c, 409, 'board_changed', 'The board changed during the import; try again.')
    }
    const body: StickyImportDone = { created: ids.length, ids }
    return c.json(body, 201)
  })

  return app
}

function rowsRefused(rows: StickyImportRefused['rows']): StickyImportRefused {
  const bad = rows.filter((row) => 'error' in row).length
  return {
    error: {
      code: 'invalid_rows',
      message: `${bad} of ${rows.length} rows cannot be imported; nothing was written.`,
    },
    rows,
  }
}
