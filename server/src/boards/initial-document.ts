import { sessionKeys } from '@stormline/shared/board/session'
import { boardSchemaSerialized } from '@stormline/shared/sync/board-schema'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { layoutVersionKey, recordLayoutVersion } from '@stormline/shared/sync/record-layout'
import * as Y from 'yjs'

export interface InitialBoardSettings {
  anonymous: boolean
}

/**
 * A new board's first update: its records' layout version and the server's tldraw schema in
 * `meta` (so it never needs migrating, MIG-1), and the settings chosen at creation, which reach
 * every client through sync like any later change.
 */
export function initialDocumentUpdate(settings: InitialBoardSettings): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = doc.getMap<unknown>(docLayout.meta)
    meta.set(layoutVersionKey, recordLayoutVersion)
    meta.set(schemaMetaKey, boardSchemaSerialized)
    if (settings.anonymous) doc.getMap<unknown>(docLayout.session).set(sessionKeys.anonymous, true)
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
