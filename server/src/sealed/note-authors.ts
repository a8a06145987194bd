import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject } from '@stormline/shared/sync/json-value'
import { decodeValue } from '@stormline/shared/sync/record-layout'
import * as Y from 'yjs'

/** Whether the board hides who wrote each sticky (session.anonymous). */
export function isAnonymousBoard(shared: Y.Doc): boolean {
  return readAnonymous(shared.getMap<unknown>(docLayout.session).get(sessionKeys.anonymous))
}

/** `meta.stormline.authorId` of a note record (layout v2 map or v1 JSON), if it names one. */
export function noteAuthor(value: unknown): string | null {
  // Only `type` and `meta` are decoded: a sticky's text can be long.
  const record =
    value instanceof Y.Map
      ? { type: decodeValue(value.get('type')), meta: decodeValue(value.get('meta'), 'meta') }
      : value
  if (!isJsonObject(record) || record.type !== 'note' || !isJsonObject(record.meta)) return null
  const stormline = record.meta[stickyMetaKey]
  const author = isJsonObject(stormline) ? stormline.authorId : undefined
  return typeof author === 'string' && author !== '' ? author : null
}

/** The board's notes that name their author, by author. */
export function notesByAuthor(shared: Y.Doc): Map<string, string[]> {
  const byAuthor = new Map<string, string[]>()
  for (const [id, value] of shared.getMap<unknown>(docLayout.records)) {
    const author = noteAuthor(value)
    if (author === null) continue
    const ids = byAuthor.get(author) ?? []
    ids.push(id)
    byAuthor.set(author, ids)
  }
  return byAuthor
}
