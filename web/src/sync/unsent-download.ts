import { richTextToPlainText } from '@stormline/shared/board/rich-text'
import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { decodeRecord } from '@stormline/shared/sync/record-layout'
import { toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { readLocalCopy } from './offline-store.ts'
import { browserStorage, type KeyValueStorage, readStoredUnsaved } from './unsaved-storage.ts'

/**
 * The file a person can download when the board cannot take their unsaved changes any more
 * (OFF-3: the link stopped working, or the server refused an edit): the changes as a Yjs update
 * a developer or a later version can apply to the board, and the stickies they touched in words
 * anyone can read and type again.
 */

export const unsentFileFormat = 'stormline-unsaved-changes'

export interface UnsentSticky {
  id: string
  text: string
  /** `meta.stormline.kind` (event, pain point…), or null for a plain note. */
  kind: string | null
  /** Deep-dive notes, when any. */
  context: string
}

export interface UnsentChangesFile {
  format: typeof unsentFileFormat
  version: 1
  boardId: string
  /** ISO 8601: when the file was made. */
  savedAt: string
  /** How many changes the status counted as not saved. */
  unsavedChanges: number
  /**
   * Everything this browser's copy holds that the server had not acknowledged: a Yjs update
   * (format v1), base64. `Y.applyUpdate` on a copy of the board brings the changes back.
   */
  update: string
  /** The stickies those changes created or changed, as they read in this browser. */
  stickies: UnsentSticky[]
}

export function unsentFileName(boardId: string): string {
  return `stormline-unsaved-${boardId}.json`
}

/** Whether any part of this Yjs item is beyond what the server's state vector covers. */
function isUnacknowledged(item: Y.Item, serverVector: ReadonlyMap<number, number>): boolean {
  return item.id.clock + item.length > (serverVector.get(item.id.client) ?? 0)
}

/** Whether a type, or anything nested in it, holds content the server has not acknowledged. */
function touched(
  type: Y.AbstractType<unknown>,
  serverVector: ReadonlyMap<number, number>,
): boolean {
  const check = (item: Y.Item): boolean =>
    isUnacknowledged(item, serverVector) ||
    (item.content instanceof Y.ContentType && touched(item.content.type, serverVector))
  for (const item of type._map.values()) if (check(item)) return true
  for (let item = type._start; item !== null; item = item.right) if (check(item)) return true
  return false
}

/** Notes (stickies) whose record holds content the server has not acknowledged. */
export function unsentStickies(
  doc: Y.Doc,
  serverVector: ReadonlyMap<number, number>,
): UnsentSticky[] {
  const records = doc.getMap<unknown>(docLayout.records)
  const stickies: UnsentSticky[] = []
  for (const [id, item] of records._map) {
    if (item.deleted) continue
    const unsent =
      isUnacknowledged(item, serverVector) ||
      (item.content instanceof Y.ContentType && touched(item.content.type, serverVector))
    if (!unsent) continue
    const record = decodeRecord(records.get(id))
    if (typeof record !== 'object' || record === null) continue
    const { typeName, type, props, meta } = record as {
      typeName?: unknown
      type?: unknown
      props?: { richText?: unknown }
      meta?: unknown
    }
    if (typeName !== 'shape' || type !== 'note') continue
    const stormline = readStickyMeta(meta)
    stickies.push({
      id,
      text: richTextToPlainText(props?.richText ?? ''),
      kind: stormline?.kind ?? null,
      context: stormline?.context ?? '',
    })
  }
  return stickies
}

export interface UnsentChangesInput {
  boardId: string
  doc: Y.Doc
  /** The last state vector the server sent; null (never heard from it) puts the whole copy in. */
  serverVector: ReadonlyMap<number, number> | null
  unsavedChanges: number
  now?: Date
}

export function unsentChangesFile({
  boardId,
  doc,
  serverVector,
  unsavedChanges,
  now = new Date(),
}: UnsentChangesInput): UnsentChangesFile {
  const known = serverVector ?? new Map<number, number>()
  return {
    format: unsentFileFormat,
    version: 1,
    boardId,
    savedAt: now.toISOString(),
    unsavedChanges,
    update: toBase64(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Map(known)))),
    stickies: unsentStickies(doc, known),
  }
}

/** Hands the file to the browser as a download. */
export function downloadUnsentChanges(file: UnsentChangesFile): void {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = unsentFileName(file.boardId)
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked a moment later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The unsaved changes an earlier page left in this browser, for a page that cannot open the
 * board (its link stopped working before it connected): read from the stored list and the
 * board's copy, without connecting. Null when nothing is unsaved or there is no copy.
 */
export async function unsentChangesInBrowser(
  boardId: string,
  storage: KeyValueStorage | null = browserStorage(),
): Promise<UnsentChangesFile | null> {
  if (storage === null) return null
  const stored = readStoredUnsaved(storage, boardId)
  if (stored.changes.length === 0) return null
  const doc = await readLocalCopy(boardId)
  if (doc === null) return null
  try {
    return unsentChangesFile({
      boardId,
      doc,
      serverVector: stored.serverVector,
      unsavedChanges: stored.changes.length,
    })
  } finally {
    doc.destroy()
  }
}
