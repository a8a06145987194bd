import { isJsonObject, type JsonObject, jsonEqual } from '../sync/json-value.ts'
import { type BoardContent, type ContentMap, contentMaps } from './board-content.ts'
import { type ContentPlan, type EntryChange, entryChange, unionIds } from './content-plan.ts'

/**
 * What undoing a restore writes (ADR 0015): only what the restore changed and nobody changed
 * since, set back to what it was before the restore. Three sides:
 * - `before`: the board just before the restore (its `before-restore` checkpoint);
 * - `restored`: what the restore put back (the restored checkpoint's content);
 * - `current`: the board now.
 *
 * Per entry: one the restore added and that still equals it is removed; one the restore removed
 * and that is still absent comes back; one the restore patched is patched back field by field,
 * where a field whose current value still equals what the restore wrote returns to its value
 * before the restore, and a field someone changed since keeps their change. An entry someone
 * deleted after the restore stays deleted, one someone edited after the restore keeps the edit.
 *
 * Fields are compared at the granularity the document merges them (record-layout.ts): a record's
 * top-level fields, each key of `props` and `meta`, each key of an object inside `meta` (the
 * sticky's kind, context, deep-dive flag…), and a shape's position (`x` and `y` together, one
 * choice); a cluster's fields, and its members one by one.
 */
export function planUndo(
  before: BoardContent,
  restored: BoardContent,
  current: BoardContent,
): ContentPlan {
  const plan: ContentPlan = { records: [], clusters: [], suggestionDecisions: [] }
  for (const map of contentMaps) {
    const b = before[map]
    const r = restored[map]
    const n = current[map]
    for (const id of unionIds(b, r)) {
      const change = undoEntry(map, id, b[id], r[id], n[id])
      if (change) plan[map].push(change)
    }
  }
  return plan
}

function undoEntry(
  map: ContentMap,
  id: string,
  before: unknown,
  restored: unknown,
  current: unknown,
): EntryChange | null {
  // Equal on both sides (absent included): the restore did not touch this entry.
  if (before === undefined ? restored === undefined : jsonEqual(before, restored)) return null
  if (before === undefined) {
    // Added by the restore: removed again unless someone changed or removed it since.
    return current !== undefined && jsonEqual(current, restored) ? { op: 'delete', id } : null
  }
  if (restored === undefined) {
    // Removed by the restore: back unless someone put an entry under this id since.
    return current === undefined ? { op: 'add', id, to: before } : null
  }
  // Patched by the restore; deleted since: the deletion stands.
  if (current === undefined) return null
  return entryChange(id, current, revertEntry(map, before, restored, current))
}

/** The entry as the undo wants it: `current` with each field the restore wrote, and nobody changed since, set back. */
function revertEntry(
  map: ContentMap,
  before: unknown,
  restored: unknown,
  current: unknown,
): unknown {
  if (!isJsonObject(before) || !isJsonObject(restored) || !isJsonObject(current)) {
    return jsonEqual(current, restored) ? before : current
  }
  if (map === 'records') {
    return ungroupPosition(
      revertFields(
        'record',
        groupPosition(before),
        groupPosition(restored),
        groupPosition(current),
      ),
    )
  }
  if (map === 'clusters') return revertCluster(before, restored, current)
  return jsonEqual(current, restored) ? before : current
}

/** Levels of a record that the document merges key by key (record-layout.ts). */
type Level = 'record' | 'props' | 'meta' | 'meta-object'

function childLevel(level: Level, key: string): Level | null {
  if (level === 'record') return key === 'props' ? 'props' : key === 'meta' ? 'meta' : null
  return level === 'meta' ? 'meta-object' : null
}

function revertFields(
  level: Level,
  before: JsonObject,
  restored: JsonObject,
  current: JsonObject,
): JsonObject {
  const out: JsonObject = { ...current }
  for (const key of unionIds(before, restored)) {
    const b = before[key]
    const r = restored[key]
    const n = current[key]
    if (jsonEqual(b, r)) continue
    const child = childLevel(level, key)
    if (child && isJsonObject(b) && isJsonObject(r) && isJsonObject(n)) {
      out[key] = revertFields(child, b, r, n)
      continue
    }
    // A field someone changed after the restore keeps their value.
    if (!jsonEqual(n, r)) continue
    if (b === undefined) delete out[key]
    else out[key] = b
  }
  return out
}

/** A cluster's fields one by one, and its members as a set (each sticky in or out on its own). */
function revertCluster(before: JsonObject, restored: JsonObject, current: JsonObject): JsonObject {
  const { memberIds: bMembers, ...bFields } = before
  const { memberIds: rMembers, ...rFields } = restored
  const { memberIds: nMembers, ...nFields } = current
  const out = revertFields('meta-object', bFields, rFields, nFields)
  const b = new Set(stringList(bMembers))
  const r = new Set(stringList(rMembers))
  const members = stringList(nMembers).filter((id) => !(r.has(id) && !b.has(id)))
  const kept = new Set(members)
  for (const id of stringList(bMembers)) {
    // Taken out by the restore and still out: back in.
    if (!r.has(id) && !kept.has(id)) members.push(id)
  }
  return { ...out, memberIds: members }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/**
 * A shape's position is one choice (record-layout.ts stores `x` and `y` as one entry): compared
 * and set back together, never x from one side and y from the other.
 */
const positionField = '\u0000position'

function groupPosition(record: JsonObject): JsonObject {
  if (!('x' in record) && !('y' in record)) return record
  const { x, y, ...rest } = record
  return { ...rest, [positionField]: [x ?? null, y ?? null] }
}

function ungroupPosition(record: JsonObject): JsonObject {
  const position = record[positionField]
  if (!Array.isArray(position)) return record
  const { [positionField]: _position, ...rest } = record
  return { ...rest, x: position[0], y: position[1] }
}
