import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { jsonEqual } from '@stormline/shared/sync/json-value'
import * as Y from 'yjs'

/**
 * Who a sticky says wrote it (ADR 0013): `meta.stormline.authorId` / `authorName`. The update
 * policy (update-policy.ts) hands every record item an update writes or deletes to an
 * AuthorWatch, which then judges each record those items reach:
 *   - a record the update creates (a new entry in `records`, also one replacing an existing
 *     entry: the same as deleting it and creating another) may name only the member who writes
 *     it as author — or the author the record had before it was deleted (an undo) — and on an
 *     anonymous board no author at all (absent or '');
 *   - a record that exists and stays may not have either field changed, added or removed.
 *
 * The fields are read the way every reader decodes a record, at every level a client can write
 * them: record layout v2 (record map → `meta` map → `stormline` map → field), or a whole record,
 * `meta` or `stormline` written as one JSON value (layout v1, or a hand-made client). Where an
 * update could leave more than one value visible (a forged update with concurrent writes to one
 * key), every possible value must pass.
 */

const authorFields = ['authorId', 'authorName'] as const
type AuthorField = (typeof authorFields)[number]

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

/** Keys from a record entry down to an author field. */
const metaKey = 'meta'
const authorPathLength = 3

/** Where below its record entry an item sits: keys from the entry down (null for list content). */
export type RecordPath = readonly (string | null)[]

/** A shared type (not a plain value) stored where an author field is: compared by identity. */
interface SharedValue {
  shared: Y.Item
}

type FieldValue = unknown | SharedValue

/** A value a record, its meta or its stormline part may have after the update. */
type Node =
  | { kind: 'json'; value: unknown }
  | { kind: 'map'; item: Y.Item; inDoc: boolean }
  | { kind: 'opaque'; item: Y.Item }

export const authorReasons = {
  notPlain: "a sticky's author must be a plain value",
  anonymous: 'stickies on an anonymous board carry no author',
  notMember: "a new sticky's author must be the member who writes it",
  changed: 'the author of a sticky cannot be changed',
} as const

function isSharedValue(value: FieldValue): value is SharedValue {
  return (
    typeof value === 'object' && value !== null && (value as SharedValue).shared instanceof Y.Item
  )
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (isSharedValue(a) || isSharedValue(b))
    return isSharedValue(a) && isSharedValue(b) && a.shared === b.shared
  return jsonEqual(a, b)
}

/** Whether a path leads to an author field or something holding one (record, meta, stormline). */
function authorPathDepth(path: RecordPath): 'holder' | 'field' | 'inside-field' | null {
  if (path.length === 0) return 'holder'
  if (path[0] !== metaKey) return null
  if (path.length === 1) return 'holder'
  if (path[1] !== stickyMetaKey) return null
  if (path.length === 2) return 'holder'
  if (!authorFields.includes(path[2] as AuthorField)) return null
  return path.length === authorPathLength ? 'field' : 'inside-field'
}

function nodeOf(item: Y.Item, inDoc: boolean): Node {
  const content = item.content
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)
    return { kind: 'json', value: content.getContent()[0] }
  if (content instanceof Y.ContentType && content.type instanceof Y.Map)
    return { kind: 'map', item, inDoc }
  return { kind: 'opaque', item }
}

/** The entry of the top-level map an item of the document is stored under. */
function entryOf(item: Y.Item): Y.Item {
  let entry = item
  while (entry.parent instanceof Y.AbstractType && entry.parent._item !== null)
    entry = entry.parent._item
  return entry
}

export class AuthorWatch {
  private readonly records: Y.Map<unknown>
  private readonly anonymous: boolean
  private readonly ds: DeleteSet
  private readonly memberId: string
  private readonly formerAuthor: (recordId: string) => string | undefined
  /** Visible items of the update in `records`, by the item they are stored in (null: the map itself) and key. */
  private readonly incoming = new Map<Y.Item | null, Map<string, Y.Item[]>>()
  /** Record keys whose author the update may change. */
  private readonly touched = new Set<string>()

  constructor(
    doc: Y.Doc,
    ds: DeleteSet,
    memberId: string,
    formerAuthor: (recordId: string) => string | undefined = () => undefined,
  ) {
    this.ds = ds
    this.memberId = memberId
    this.formerAuthor = formerAuthor
    this.records = doc.getMap<unknown>(docLayout.records)
    this.anonymous = readAnonymous(
      doc.getMap<unknown>(docLayout.session).get(sessionKeys.anonymous),
    )
  }

  /**
   * An item of the update stored at `path` below the entry `key` of `records`, inside `parent`
   * (null: directly in `records`) under `sub`. Returns a reason when it alone is refused.
   */
  noteInsert(
    item: Y.Item,
    key: string,
    path: RecordPath,
    parent: Y.Item | null,
    sub: string | null,
  ): string | null {
    const where = authorPathDepth(path)
    // Content of a shared-type author field (a new record's, or an existing one edited in place).
    if (where === 'inside-field') return authorReasons.notPlain
    if (this.isVisible(item) && sub !== null) {
      const byKey = this.incoming.get(parent) ?? new Map<string, Y.Item[]>()
      const list = byKey.get(sub) ?? []
      list.push(item)
      byKey.set(sub, list)
      this.incoming.set(parent, byKey)
    }
    if (where !== null) this.touched.add(key)
    return null
  }

  /** An item of the document the update deletes, at `path` below the entry `key` of `records`. */
  noteDelete(item: Y.Item, key: string, path: RecordPath): string | null {
    const where = authorPathDepth(path)
    if (where === 'inside-field') {
      // Removed along with its whole record is fine; edited in place is a change.
      return Y.isDeleted(this.ds, entryOf(item).id) ? null : authorReasons.changed
    }
    if (where !== null) this.touched.add(key)
    return null
  }

  /** Judges every record the update may have changed the author of. */
  judge(): string | null {
    for (const key of this.touched) {
      const reason = this.judgeRecord(key)
      if (reason) return reason
    }
    return null
  }

  private judgeRecord(key: string): string | null {
    for (const item of this.incoming.get(null)?.get(key) ?? []) {
      const reason = this.judgeNewRecord(key, nodeOf(item, false))
      if (reason) return reason
    }
    const current = this.records._map.get(key)
    if (current && !current.deleted && !Y.isDeleted(this.ds, current.id)) {
      const node = nodeOf(current, true)
      for (const field of authorFields) {
        const [before] = this.fieldValues(node, field, false)
        const after = this.fieldValues(node, field, true)
        if (!after.every((value) => sameValue(value, before))) return authorReasons.changed
      }
    }
    return null
  }

  private judgeNewRecord(key: string, record: Node): string | null {
    for (const field of authorFields) {
      for (const value of this.fieldValues(record, field, true)) {
        if (isSharedValue(value)) return authorReasons.notPlain
        if (value === undefined || value === '') continue
        if (this.anonymous) return authorReasons.anonymous
        // An undone deletion brings the sticky back as it was: with the author it had.
        if (field === 'authorId' && value !== this.memberId && value !== this.formerAuthor(key))
          return authorReasons.notMember
      }
    }
    return null
  }

  /**
   * Every value the field may have below a record: after the update (`withUpdate`) or as the
   * document holds it now. At least one entry; `undefined` stands for absent. Without the update
   * there is exactly one.
   */
  private fieldValues(record: Node, field: AuthorField, withUpdate: boolean): FieldValue[] {
    const values: FieldValue[] = []
    const collect = (node: Node, keys: readonly string[]): void => {
      const [key, ...rest] = keys
      if (key === undefined) {
        values.push(node.kind === 'json' ? node.value : { shared: node.item })
        return
      }
      const children = this.children(node, key, withUpdate)
      // Any branch without the key may be the one left visible: absent is possible too.
      if (children.length === 0) values.push(undefined)
      for (const child of children) collect(child, rest)
    }
    collect(record, [metaKey, stickyMetaKey, field])
    return values
  }

  /** The values a key of a record, meta or stormline part may have. */
  private children(node: Node, key: string, withUpdate: boolean): Node[] {
    if (node.kind === 'json') {
      const value =
        typeof node.value === 'object' && node.value !== null && !Array.isArray(node.value)
          ? (node.value as Record<string, unknown>)[key]
          : undefined
      return value === undefined ? [] : [{ kind: 'json', value }]
    }
    // Readers see no fields inside an array, a text or any other shared type.
    if (node.kind === 'opaque') return []
    const nodes: Node[] = []
    if (withUpdate) {
      for (const item of this.incoming.get(node.item)?.get(key) ?? [])
        nodes.push(nodeOf(item, false))
    }
    if (node.inDoc) {
      const map = (node.item.content as Y.ContentType).type as Y.Map<unknown>
      const current = map._map.get(key)
      const gone = current === undefined || current.deleted
      if (!gone && !(withUpdate && Y.isDeleted(this.ds, current.id)))
        nodes.push(nodeOf(current, true))
    }
    return nodes
  }

  private isVisible(item: Y.Item): boolean {
    return !(item.content instanceof Y.ContentDeleted) && !Y.isDeleted(this.ds, item.id)
  }
}
