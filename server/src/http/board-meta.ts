import type { BoardMeta } from '@stormline/shared/api/types'
import type { BoardRecord } from '../boards/board-store.ts'

/** A stored board as the API shows it. */
export function toBoardMeta(board: BoardRecord): BoardMeta {
  return {
    id: board.id,
    name: board.name,
    template: board.template,
    createdAt: board.createdAt.toISOString(),
  }
}
