import { sessionKeys } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import * as Y from 'yjs'

export interface InitialBoardSettings {
  anonymous: boolean
}

/**
 * The board settings chosen at creation, as the first update of its document, so they reach
 * every client through sync like any later change. Null when there is nothing to write.
 */
export function initialDocumentUpdate(settings: InitialBoardSettings): Uint8Array | null {
  if (!settings.anonymous) return null
  const doc = new Y.Doc()
  doc.getMap<unknown>(docLayout.session).set(sessionKeys.anonymous, true)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
