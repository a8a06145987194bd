import * as Y from 'yjs'
import { docLayout } from './doc-layout.ts'
import { isJsonObject, type JsonObject, jsonEqual } from './json-value.ts'
import {
  type PlainRichText,
  plainFormOf,
  plainTextFromRichText,
  richTextFromPlainForm,
  spliceToReach,
} from './rich-text-field.ts'

/**
 * How one tldraw record is laid out in the board's Y.Doc (layout version 2, ADR 0011).
 *
 * Each record is a `Y.Map` of its top-level fields, so two people changing different fields of
 * one sticky (one drags it, the other types) both keep their change: Yjs merges map entries key
 * by key, and only a field both changed is decided by Yjs' own last-writer rule (the same on
 * every peer). One level further:
 *   - `props` and `meta` are `Y.Map`s of their keys (colour, size, text… merge independently);
 *   - a plain object inside `meta` (Stormline's `meta.stormline`) is a `Y.Map` too, so kind,
 *     context, deep-dive flag and duration merge one by one;
 *   - `props.richText` is a `Y.Text` of its plain text while the text is plain paragraphs, so
 *     two people typing in one sticky keep both people's characters; formatted text (bold,
 *     lists…) is kept whole as JSON, last writer wins;
 *   - a shape's position (`x`, `y`) is one entry, `xy: [x, y]`: a position is one choice, so two
 *     people dragging one sticky at once converge on one of their drops, never on x from one and
 *     y from the other; and a move then costs one Yjs item, as a whole record did in version 1
 *     (the document grows no faster under dragging);
 *   - every other value (numbers, strings, arrays, an arrow's `{x, y}`) is one atomic entry.
 *
 * These functions are the only place that knows this: the web binding writes and reads through
 * them, the server reads and validates through them, exports read through `readRecordsJson`.
 */

/** `meta` key holding the layout version of the board's records (absent: version 1, whole JSON records). */
export const layoutVersionKey = 'layoutVersion'
export const recordLayoutVersion = 2

/** The record-map key holding a shape's position as `[x, y]`. */
export const positionKey = 'xy'

/** A record's top-level fields as the record map stores them: `x` and `y` as one position. */
function storedFields(record: JsonObject): JsonObject {
  if (!('x' in record) && !('y' in record)) return record
  const { x, y, ...rest } = record
  return { ...rest, [positionKey]: [x ?? null, y ?? null] }
}

/** The inverse of storedFields, on decoded JSON. */
function recordFields(stored: JsonObject): JsonObject {
  const position = stored[positionKey]
  if (!Array.isArray(position)) return stored
  const { [positionKey]: _position, ...rest } = stored
  return { ...rest, x: position[0], y: position[1] }
}

/** Top-level record fields stored as nested maps. */
const mapFields: ReadonlySet<string> = new Set(['props', 'meta'])
const richTextField = 'richText'

type FieldPath = 'record' | 'props' | 'meta' | 'meta-object'

function childPath(path: FieldPath, key: string, value: unknown): FieldPath | null {
  if (!isJsonObject(value)) return null
  if (path === 'record' && mapFields.has(key)) return key === 'props' ? 'props' : 'meta'
  if (path === 'meta') return 'meta-object'
  return null
}

/** The Yjs value a field is stored as (a detached type, or the JSON value itself). */
function encodeField(path: FieldPath, key: string, value: unknown): unknown {
  const nested = childPath(path, key, value)
  if (nested) return encodeMap(nested, value as JsonObject)
  if (path === 'props' && key === richTextField) {
    const form = plainFormOf(value)
    if (form !== null) {
      const text = new Y.Text(form.text)
      // Not in a document yet: set, never read (Yjs warns about reading a detached type).
      for (const key of textAttrKeys) {
        const value = form[key]
        if (value !== undefined) text.setAttribute(key, plainJson(value))
      }
      return text
    }
  }
  return plainJson(value)
}

/**
 * Yjs stores a JSON value only if every object in it is a plain `Object` (it throws "Unexpected
 * content type" on anything else); editors hand over objects without a prototype (TipTap's
 * attributes). Such values are copied into plain objects; everything else is stored as it is.
 */
function plainJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null || isPlainTree(value)) return value
  return JSON.parse(JSON.stringify(value)) as T
}

function isPlainTree(value: object): boolean {
  if (Array.isArray(value))
    return value.every((item) => typeof item !== 'object' || item === null || isPlainTree(item))
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  for (const item of Object.values(value)) {
    if (typeof item === 'object' && item !== null && !isPlainTree(item)) return false
  }
  return true
}

function encodeMap(path: FieldPath, object: JsonObject): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(object)) {
    if (value !== undefined) map.set(key, encodeField(path, key, value))
  }
  return map
}

/** Attributes of a rich text's plain form kept on its `Y.Text` (tldraw's `dir`, for example). */
const textAttrKeys = ['docAttrs', 'paragraphAttrs'] as const

function writeTextAttrs(text: Y.Text, form: PlainRichText): void {
  for (const key of textAttrKeys) {
    const wanted = form[key]
    const stored: unknown = text.getAttribute(key)
    if (wanted === undefined) {
      if (stored !== undefined) text.removeAttribute(key)
    } else if (!jsonEqual(stored, wanted)) {
      text.setAttribute(key, plainJson(wanted))
    }
  }
}

function readTextForm(text: Y.Text): PlainRichText {
  const form: PlainRichText = { text: text.toString() }
  for (const key of textAttrKeys) {
    const value: unknown = text.getAttribute(key)
    if (isJsonObject(value)) form[key] = value
  }
  return form
}

/** A record as a new (not yet integrated) `Y.Map`, ready for `records.set(id, …)`. */
export function encodeRecord(record: JsonObject): Y.Map<unknown> {
  return encodeMap('record', storedFields(record))
}

/** Plain JSON of a stored value: a record map, a nested map, a rich-text `Y.Text`, or JSON. */
export function decodeValue(value: unknown, key = ''): unknown {
  if (value instanceof Y.Map) {
    const object: JsonObject = {}
    for (const [childKey, child] of value.entries()) object[childKey] = decodeValue(child, childKey)
    return object
  }
  if (value instanceof Y.Text) {
    return key === richTextField ? richTextFromPlainForm(readTextForm(value)) : value.toString()
  }
  if (value instanceof Y.AbstractType) return value.toJSON()
  return value
}

/**
 * The record stored under one key as plain JSON. A version 1 record (one JSON value) reads as
 * itself, so readers work on boards that have not been migrated yet.
 */
export function decodeRecord(value: unknown): unknown {
  if (!(value instanceof Y.Map)) return value
  return recordFields(decodeValue(value) as JsonObject)
}

/** Every record of a board as plain JSON, keyed by id: what exports and the board model read. */
export function readRecordsJson(doc: Y.Doc): Record<string, unknown> {
  const records = doc.getMap<unknown>(docLayout.records)
  const out: Record<string, unknown> = {}
  for (const [id, value] of records.entries()) out[id] = decodeRecord(value)
  return out
}

/**
 * Writes the fields that differ between `before` and `after` into a record map, and nothing
 * else: a field nobody local changed keeps whatever a peer wrote into it meanwhile. Must run in
 * a transaction. `before` is what the writer last saw (its store's previous version).
 */
export function patchRecord(target: Y.Map<unknown>, before: JsonObject, after: JsonObject): void {
  patchMap('record', target, storedFields(before), storedFields(after))
}

function patchMap(path: FieldPath, target: Y.Map<unknown>, before: JsonObject, after: JsonObject) {
  for (const key of Object.keys(before)) {
    if (!(key in after) || after[key] === undefined) {
      if (before[key] !== undefined && target.has(key)) target.delete(key)
    }
  }
  for (const [key, next] of Object.entries(after)) {
    if (next === undefined) continue
    const previous = before[key]
    if (previous !== undefined && jsonEqual(previous, next)) continue
    writeField(path, target, key, previous, next)
  }
}

function writeField(
  path: FieldPath,
  target: Y.Map<unknown>,
  key: string,
  previous: unknown,
  next: unknown,
): void {
  const current = target.get(key)
  const nested = childPath(path, key, next)
  if (nested && current instanceof Y.Map) {
    patchMap(nested, current, isJsonObject(previous) ? previous : {}, next as JsonObject)
    return
  }
  if (path === 'props' && key === richTextField && current instanceof Y.Text) {
    const form = plainFormOf(next)
    if (form !== null) {
      // Splice from what the doc holds now, so characters a peer typed meanwhile stay.
      const edit = spliceToReach(current.toString(), plainTextFromRichText(previous), form.text)
      if (edit.deleteCount > 0) current.delete(edit.index, edit.deleteCount)
      if (edit.insert.length > 0) current.insert(edit.index, edit.insert)
      writeTextAttrs(current, form)
      return
    }
  }
  target.set(key, encodeField(path, key, next))
}

/**
 * Writes a whole record: a new map when the key is empty or holds a version 1 value, otherwise a
 * patch from what the map holds now (used when the writer has no previous version of its own).
 */
export function putRecord(records: Y.Map<unknown>, record: JsonObject & { id: string }): void {
  const current = records.get(record.id)
  if (current instanceof Y.Map) {
    const before = decodeRecord(current)
    patchRecord(current, isJsonObject(before) ? before : {}, record)
  } else {
    records.set(record.id, encodeRecord(record))
  }
}

/**
 * Keys of the `records` map whose record the transaction created, replaced, deleted or changed
 * anywhere inside (a prop, a meta field, a character of its text). Yjs lists each changed type
 * that existed before the transaction; a nested one is traced up its parents to the record entry.
 */
export function touchedRecordKeys(
  records: Y.Map<unknown>,
  transaction: Y.Transaction,
): Set<string> {
  const keys = new Set<string>()
  // Compared by identity only; Yjs types the changed map by its generic base.
  const root: unknown = records
  for (const [type, changedKeys] of transaction.changed) {
    if (type === root) {
      for (const key of changedKeys) if (key !== null) keys.add(key)
      continue
    }
    let item = type._item
    while (item !== null) {
      const parent = item.parent
      if (parent === root) {
        if (item.parentSub !== null) keys.add(item.parentSub)
        break
      }
      item = parent instanceof Y.AbstractType ? parent._item : null
    }
  }
  return keys
}

/** Whether the board's records are in this layout (version 2) already. */
export function hasCurrentLayout(doc: Y.Doc): boolean {
  return doc.getMap<unknown>(docLayout.meta).get(layoutVersionKey) === recordLayoutVersion
}

/**
 * Rewrites every version 1 record (one JSON value per record) as a record map, and marks the
 * board as version 2. Returns how many records were rewritten. Run inside one transaction by
 * the caller so the migration is one update: stored atomically, relayed as one.
 */
export function migrateRecordsToCurrentLayout(doc: Y.Doc): number {
  const records = doc.getMap<unknown>(docLayout.records)
  let rewritten = 0
  for (const [id, value] of [...records.entries()]) {
    if (value instanceof Y.AbstractType) continue
    if (isJsonObject(value)) {
      records.set(id, encodeRecord(value))
      rewritten++
    }
  }
  doc.getMap<unknown>(docLayout.meta).set(layoutVersionKey, recordLayoutVersion)
  return rewritten
}
