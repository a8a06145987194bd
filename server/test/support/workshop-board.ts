import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import {
  type BoardRecord,
  completeRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import type * as Y from 'yjs'

/**
 * The shared workshop fixture as a client would write it over a socket. The fixture lists only
 * the record fields the readers look at; the server refuses a record tldraw's validators reject,
 * so each record is completed with the fields tldraw requires (what the readers see is unchanged).
 */
export const validWorkshopMaps: BoardMapsJson = {
  ...workshopMaps,
  records: Object.fromEntries(
    Object.entries(workshopMaps.records).map(([id, record]) => [
      id,
      completeRecord(record as BoardRecord),
    ]),
  ),
}

/** Writes board maps into a doc in one transaction: records in layout v2, the rest as JSON values. */
export function writeBoardMaps(doc: Y.Doc, maps: BoardMapsJson): void {
  doc.transact(() => {
    for (const [name, entries] of Object.entries(maps)) {
      for (const [key, value] of Object.entries(entries)) {
        if (name === docLayout.records) writeRecord(doc, value as BoardRecord)
        else doc.getMap(name).set(key, value)
      }
    }
  })
}
