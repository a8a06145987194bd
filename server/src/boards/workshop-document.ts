import { workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { putRecord } from '@stormline/shared/sync/record-layout'
import { type BoardRecord, completeRecord } from '@stormline/shared/testing/board-records'
import * as Y from 'yjs'
import { initialDocumentUpdate } from './initial-document.ts'

/**
 * For tests: the shared workshop fixture as a board of today holds it, stamped by the server
 * (initialDocumentUpdate) with its records as record maps, each completed with the fields
 * tldraw's validators require.
 */
export function workshopDocument(anonymous = false): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialDocumentUpdate({ anonymous }))
  const records = doc.getMap<unknown>(docLayout.records)
  doc.transact(() => {
    for (const [name, entries] of Object.entries(workshopMaps)) {
      for (const [key, value] of Object.entries(entries)) {
        if (name === docLayout.records) putRecord(records, completeRecord(value as BoardRecord))
        else doc.getMap(name).set(key, value)
      }
    }
  })
  return doc
}
