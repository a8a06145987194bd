import { noteDefaultProps } from '../board/note-props.ts'
import { stickyKindInfo } from '../board/sticky-kinds.ts'
import { type StickyMeta, stickyMetaKey } from '../board/sticky-meta.ts'
import { isJsonObject, type JsonObject } from '../sync/json-value.ts'
import { richTextFromPlainText } from '../sync/rich-text-field.ts'
import type { ImportedSticky } from './sticky-import.ts'

/**
 * The tldraw note records of imported stickies, as the web app's note tool writes a sticky
 * (web/src/stickies/create-sticky.ts): every note prop of tldraw 5.4.2, the kind's colour, and
 * `meta.stormline`. The author is a display name only: an import speaks for no member, so no
 * sticky gets an author id (ADR 0013), and on an anonymous board none gets a name either.
 */

type NoteRecord = JsonObject & { id: string }

export interface ImportRecordOptions {
  /** The page the stickies go on. */
  pageId: string
  /** A fresh `shape:` id per call. */
  newId: () => string
  now: Date
  /** The highest index of the page's shapes, so the new stickies sit on top; null when none. */
  topIndex: string | null
}

/**
 * Fractional indices (tldraw's `IndexKey`) above `top`, in order: `top` followed by a fixed-width
 * counter and a closing `V`. Appending digits to a valid key keeps it valid (its integer part is
 * unchanged and the fraction does not end in 0), makes it sort after `top`, and the fixed width
 * keeps the new keys in order among themselves.
 */
export function indicesAbove(top: string | null, count: number): string[] {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const base = top ?? 'a1'
  const width = Math.max(1, Math.ceil(Math.log(count + 1) / Math.log(digits.length)))
  return Array.from({ length: count }, (_, i) => {
    let n = i
    let counter = ''
    for (let d = 0; d < width; d++) {
      counter = (digits[n % digits.length] ?? '0') + counter
      n = Math.floor(n / digits.length)
    }
    return `${base}${counter}V`
  })
}

/** The highest `index` among shapes on a page (plain JSON records); null when it has none. */
export function topShapeIndex(records: Iterable<unknown>, pageId: string): string | null {
  let top: string | null = null
  for (const record of records) {
    if (!isJsonObject(record) || record.typeName !== 'shape' || record.parentId !== pageId) continue
    const index = record.index
    // Keys compare as plain strings (not locale order): that is how tldraw orders them.
    if (typeof index === 'string' && (top === null || index > top)) top = index
  }
  return top
}

export function importedStickyRecords(
  stickies: readonly ImportedSticky[],
  options: ImportRecordOptions,
): NoteRecord[] {
  const indices = indicesAbove(options.topIndex, stickies.length)
  const createdAt = options.now.toISOString()
  return stickies.map((sticky, i) => {
    const meta: Partial<StickyMeta> = {
      kind: sticky.kind,
      ...(sticky.authorName === null ? {} : { authorName: sticky.authorName }),
      createdAt,
      context: sticky.context,
      needsDeepDive: false,
      durationMinutes: null,
    }
    return {
      id: options.newId(),
      typeName: 'shape',
      type: 'note',
      x: sticky.x,
      y: sticky.y,
      rotation: 0,
      isLocked: false,
      opacity: 1,
      parentId: options.pageId,
      index: indices[i] ?? 'a1',
      props: {
        ...noteDefaultProps,
        color: stickyKindInfo[sticky.kind].color,
        richText: richTextFromPlainText(sticky.text),
      },
      meta: { [stickyMetaKey]: meta as JsonObject },
    }
  })
}
