import { fileNameSlug } from '@stormline/shared/backlog/export-backlog'
import { isBoardId } from '@stormline/shared/board/board-id'
import type { Context, Handler } from 'hono'
import {
  type BoardFileLimits,
  boardFileName,
  defaultBoardFileLimits,
  type ParsedBoardFile,
  parseBoardFile,
  serializeBoardFile,
  toBoardFile,
} from '../boards/board-file.ts'
import { newBoardId } from '../boards/board-id.ts'
import type { BoardRecord, BoardStore } from '../boards/board-store.ts'
import type { RoomRegistry } from '../rooms/room-registry.ts'
import { apiError } from './api-error.ts'
import { toBoardMeta } from './board-meta.ts'

/**
 * Moving whole boards in and out (ADR 0003's store, the board file of
 * boards/board-file.ts): `GET /api/boards/:id/export` answers the board file,
 * `POST /api/boards/import` makes a new board from one. Access checks are the
 * caller's: export is mounted behind the facilitator guard.
 */

/**
 * `GET /api/boards/:id/export`: the board as a `<name>.stormline.json` download,
 * from the live document when people are on the board (what they see), else
 * from the store.
 */
export function exportBoardRoute(
  store: BoardStore,
  registry: RoomRegistry,
  now: () => Date = () => new Date(),
): Handler {
  return async (c) => {
    const id = c.req.param('id') ?? ''
    const board = isBoardId(id) ? await store.getBoard(id) : undefined
    if (!board) return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    const body = await registry.readDocument(id, (doc) =>
      serializeBoardFile(toBoardFile(board, doc, now())),
    )
    c.header('Content-Type', 'application/json; charset=utf-8')
    c.header(
      'Content-Disposition',
      `attachment; filename="${boardFileName(fileNameSlug(board.name))}"`,
    )
    c.header('Cache-Control', 'no-store')
    return c.body(body)
  }
}

/** The record of the new board an import creates: a fresh id, created now, the file's name and template. */
export function importedBoardRecord(
  file: ParsedBoardFile,
  id: string = newBoardId(),
  createdAt: Date = new Date(),
): BoardRecord {
  return { id, name: file.board.name, template: file.board.template, createdAt }
}

/**
 * Stores a parsed board file as a new board, with its whole document as the first update in the
 * same commit, and returns the new board's record. The default for importBoardRoute; the app
 * creates the board with its token hashes instead (createBoardWithLinks).
 */
export async function storeImportedBoard(
  store: BoardStore,
  board: BoardRecord,
  update: Uint8Array,
): Promise<BoardRecord> {
  await store.createBoard(board, undefined, update)
  return board
}

export interface ImportBoardRouteOptions extends Partial<BoardFileLimits> {
  /**
   * Creates the board (record + document update) and answers the request; the
   * file has been fully validated by then, so nothing is stored for a bad file.
   * Default: storeImportedBoard and 201 with the BoardMeta.
   */
  create?: (c: Context, board: BoardRecord, update: Uint8Array) => Response | Promise<Response>
  newId?: () => string
  now?: () => Date
}

/**
 * `POST /api/boards/import`, body = a board file. 201 with the new board; 400
 * with `{ error: { code, message } }` for a body that is not JSON or not a
 * valid board file (codes from parseBoardFile), 413 `document_too_large` for a
 * document over the board size limit. The byte size of the body itself is
 * capped by the body-limit middleware in front of this route.
 */
export function importBoardRoute(
  store: BoardStore,
  options: ImportBoardRouteOptions = {},
): Handler {
  const limits: BoardFileLimits = {
    maxDocumentBytes: options.maxDocumentBytes ?? defaultBoardFileLimits.maxDocumentBytes,
  }
  const create =
    options.create ??
    (async (c: Context, board: BoardRecord, update: Uint8Array) =>
      c.json(toBoardMeta(await storeImportedBoard(store, board, update)), 201))
  return async (c) => {
    const raw = await c.req.text()
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.')
    }
    const parsed = parseBoardFile(json, limits)
    if (!parsed.ok) {
      const { code, message } = parsed.error
      return apiError(c, code === 'document_too_large' ? 413 : 400, code, message)
    }
    const board = importedBoardRecord(
      parsed.file,
      (options.newId ?? newBoardId)(),
      (options.now ?? (() => new Date()))(),
    )
    return create(c, board, parsed.file.update)
  }
}
