import { type BoardContent, readBoardContent } from '@stormline/shared/history/board-content'
import * as Y from 'yjs'
import { migrateBoard } from '../boards/board-migration.ts'
import { applyAuthorStrip, planAuthorFields } from '../sealed/reconcile-anonymous.ts'

/**
 * A checkpoint's content as the board would hold it today: its state replayed into a document
 * of its own and migrated like a stored board is on load (an older tldraw schema or record
 * layout), so a restore never writes records in a form the board has left behind. With
 * `anonymous` (the board is anonymous now), its authors go the way the anonymous reconcile takes
 * them off a live board (ADR 0013): the same rule, so a view never names more than the board.
 */
export function checkpointContent(
  state: Uint8Array,
  { anonymous = false }: { anonymous?: boolean } = {},
): BoardContent {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    migrateBoard(doc)
    const strip = anonymous ? planAuthorFields(doc) : null
    if (strip) applyAuthorStrip(doc, strip)
    return readBoardContent(doc)
  } finally {
    doc.destroy()
  }
}
