import * as Y from 'yjs'
import type { StoredDocument } from './board-store.ts'

/** Replays a stored board (snapshot, then later updates) into a document, in one transaction. */
export function replayStoredDocument(
  stored: StoredDocument,
  doc = new Y.Doc(),
  origin?: unknown,
): Y.Doc {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  }, origin)
  return doc
}
