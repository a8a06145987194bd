import * as Y from 'yjs'
import { noteDefaultProps } from '../board/note-props.ts'
import { type StickyKind, stickyKindInfo } from '../board/sticky-kinds.ts'
import { type StickyMeta, stickyMetaKey } from '../board/sticky-meta.ts'
import { type TimelineProps, templateTimelineId, timelineShapeType } from '../board/timeline.ts'
import { docLayout } from '../sync/doc-layout.ts'
import { isJsonObject, type JsonObject } from '../sync/json-value.ts'
import { decodeRecord, patchRecord, putRecord } from '../sync/record-layout.ts'
import { plainTextFromRichText, richTextFromPlainText } from '../sync/rich-text-field.ts'

/**
 * Board records for test fixtures and benchmarks that build boards without the editor: valid
 * tldraw 5.4.2 records (the server refuses anything its schema validators reject), and the few
 * doc operations tests need, written in record layout v2 through record-layout.ts.
 */

/** A tldraw record as plain JSON. */
export type BoardRecord = JsonObject & { id: string }

/** A shape record of a fixture: its props are an object tests may spread and change. */
export type ShapeRecord = BoardRecord & { props: JsonObject; meta: JsonObject }

/** The page every fixture board puts its shapes on. */
export const pageRecord: Readonly<BoardRecord> = {
  id: 'page:page',
  typeName: 'page',
  name: 'Page 1',
  index: 'a1',
  meta: {},
}

/** The fields every tldraw shape record has besides id, type, position, props and meta. */
const shapeDefaults = {
  rotation: 0,
  isLocked: false,
  opacity: 1,
  parentId: pageRecord.id,
} as const

/** The template timeline at the page's origin (locked, as a facilitator leaves it). */
export function timelineRecord(props: TimelineProps): BoardRecord {
  return {
    id: templateTimelineId,
    typeName: 'shape',
    type: timelineShapeType,
    x: 0,
    y: 0,
    ...shapeDefaults,
    // The lowest index on the page, as the web app seeds it: stickies sit on top.
    index: 'a0',
    isLocked: true,
    props,
    meta: {},
  }
}

export interface StickyOptions extends Partial<StickyMeta> {
  text?: string
  x?: number
  y?: number
  /** tldraw colour style; the kind's colour unless given. */
  color?: string
  index?: string
  /** More `meta` entries beside `meta.stormline`. */
  meta?: JsonObject
}

/**
 * A Stormline sticky (a tldraw note with `meta.stormline`), as the web app creates it
 * (web/src/stickies/create-sticky.ts): a `step` named as written by "Tess" but with no author id
 * (the server accepts only the writing member's own id there, ADR 0013) unless told otherwise.
 */
export function stickyRecord(id: string, options: StickyOptions = {}): ShapeRecord {
  const { text = '', x = 0, y = 0, color, index = 'a1', meta = {}, ...stormline } = options
  const kind: StickyKind = stormline.kind ?? 'step'
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    ...shapeDefaults,
    index,
    props: {
      ...noteDefaultProps,
      color: color ?? stickyKindInfo[kind].color,
      richText: richTextFromPlainText(text),
    },
    meta: {
      ...meta,
      [stickyMetaKey]: {
        authorId: '',
        authorName: 'Tess',
        createdAt: '2026-11-23T10:00:00.000Z',
        context: '',
        needsDeepDive: false,
        durationMinutes: null,
        ...stormline,
        kind,
      },
    },
  }
}

/** The plain text of a sticky record's rich text (null when it is not plain paragraphs). */
export function stickyText(record: unknown): string | null {
  if (!isJsonObject(record) || !isJsonObject(record.props)) return null
  return plainTextFromRichText(record.props.richText)
}

/**
 * A hand-written partial record (a fixture that lists only what a reader looks at) completed with
 * the fields tldraw requires, so the server's validation accepts it: shape base fields, every
 * note prop, and `meta`. Fields the record has win.
 */
export function completeRecord(record: BoardRecord): BoardRecord {
  if (record.typeName !== 'shape') return { meta: {}, ...record }
  const props = isJsonObject(record.props) ? record.props : {}
  return {
    x: 0,
    y: 0,
    ...shapeDefaults,
    index: 'a1',
    meta: {},
    ...record,
    props: record.type === 'note' ? { ...noteDefaultProps, color: 'yellow', ...props } : props,
  }
}

const recordsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(docLayout.records)

/**
 * Writes a record into the board in layout v2 (a new record map, or a patch of the one there).
 * Takes any object with an id: tldraw's record types are interfaces, which TypeScript does not
 * see as JSON objects, though they are.
 */
export function writeRecord<R extends { readonly id: string }>(doc: Y.Doc, record: R): void {
  doc.transact(() => putRecord(recordsOf(doc), record as unknown as BoardRecord))
}

/** A record of the board as plain JSON; undefined when the board has none under that id. */
export function readRecord(doc: Y.Doc, id: string): JsonObject | undefined {
  const value = recordsOf(doc).get(id)
  if (value === undefined) return undefined
  const record = decodeRecord(value)
  return isJsonObject(record) ? record : undefined
}

/** The record map stored under an id, for tests that change single fields. */
export function recordMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const value = recordsOf(doc).get(id)
  if (!(value instanceof Y.Map)) throw new Error(`${id} is not a record map on this board`)
  return value
}

/** Moves a shape as the web binding does: a field patch of its position (one `xy` entry). */
export function moveRecord(doc: Y.Doc, id: string, to: { x: number; y: number }): void {
  const map = recordMap(doc, id)
  const before = readRecord(doc, id) ?? {}
  doc.transact(() => patchRecord(map, before, { ...before, x: to.x, y: to.y }))
}
