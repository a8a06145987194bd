import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import type * as Y from 'yjs'
import type { BoardRecord } from './board-store.ts'

/** The backlog of a board's current document (shared by the HTTP API and the CLI). */
export function backlogOf(board: Pick<BoardRecord, 'id' | 'name'>, doc: Y.Doc): Backlog {
  return buildBacklog({ id: board.id, name: board.name }, boardMapsOf(doc))
}
