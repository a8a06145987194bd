import { readFileSync } from 'node:fs'
import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import type { BoardModel } from '@stormline/shared/board/read-board'
import type {
  BoardRecord,
  BoardStore,
  StoredDocument,
  TokenHashes,
} from '../../src/boards/board-store.ts'

/**
 * The legacy board of server/test/fixtures/legacy-v1 (record layout v1, made by the code of
 * commit 4d8a227; see the README there): how the store kept it, the board file that code
 * exported, and what that code computed from it.
 */
export interface LegacyBoardFixture {
  board: BoardRecord
  stored: StoredDocument
  /** The tldraw schema the old clients stamped into meta. */
  schema: unknown
  expected: {
    records: Record<string, unknown>
    maps: BoardMapsJson
    backlog: Backlog
    model: BoardModel
  }
  /** The board file as the old server exported it (parsed JSON). */
  boardFile: Record<string, unknown> & { document: Record<string, unknown> }
  /** The board file's text as the old server sent it. */
  boardFileText: string
}

const directory = new URL('../fixtures/legacy-v1/', import.meta.url)

interface StoredFixture {
  board: Omit<BoardRecord, 'createdAt'> & { createdAt: string }
  stored: { snapshot: string | null; updates: string[]; lastSeq: number }
  schema: unknown
  expected: LegacyBoardFixture['expected']
}

const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'))

export function legacyBoardFixture(): LegacyBoardFixture {
  const raw = JSON.parse(
    readFileSync(new URL('stored-board.json', directory), 'utf8'),
  ) as StoredFixture
  const boardFileText = readFileSync(new URL('board-file.stormline.json', directory), 'utf8')
  return {
    board: { ...raw.board, createdAt: new Date(raw.board.createdAt) },
    stored: {
      snapshot: raw.stored.snapshot === null ? null : bytes(raw.stored.snapshot),
      updates: raw.stored.updates.map(bytes),
      lastSeq: raw.stored.lastSeq,
    },
    schema: raw.schema,
    // The old code had no `unranked` list (issue #13 added it beside `items`). Every pain point of
    // this board is in a cluster or voted for, so today's code lists none there: the expected
    // backlog is the old code's, with that list empty.
    expected: { ...raw.expected, backlog: { ...raw.expected.backlog, unranked: [] } },
    boardFile: JSON.parse(boardFileText) as LegacyBoardFixture['boardFile'],
    boardFileText,
  }
}

/** Puts the legacy board into a store as that store kept it: a snapshot, then logged updates. */
export function storeLegacyBoard(
  // An embedded store (it answers at once), as the old server kept boards.
  store: {
    createBoard: BoardStore['createBoard']
    appendUpdate(boardId: string, update: Uint8Array): number
    compact: BoardStore['compact']
  },
  fixture: LegacyBoardFixture,
  tokenHashes?: TokenHashes,
): void {
  const { board, stored } = fixture
  store.createBoard(board, tokenHashes)
  if (stored.snapshot) {
    const seq = store.appendUpdate(board.id, stored.snapshot)
    store.compact(board.id, stored.snapshot, seq)
  }
  for (const update of stored.updates) store.appendUpdate(board.id, update)
}
