import { voteResultKey } from '@stormline/shared/backlog/vote-result'
import { templateTimelineId, timelineShapeType } from '@stormline/shared/board/timeline'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { decodeValue } from '@stormline/shared/sync/record-layout'
import * as Y from 'yjs'
import { AuthorWatch, type RecordPath } from './author-policy.ts'

/**
 * Which parts of a board's Y.Doc a participant may change (ADR 0008).
 *
 * Facilitator-only state lives in the same document as everything else, so every client sees
 * it live. The server therefore reads each participant update *before* applying it: it decodes
 * the update, finds for every inserted item and every deletion the top-level map and key it
 * lands in (following origins and parents through the live document, since Yjs leaves them out
 * of the encoding when they can be inferred), and refuses the whole update if any of them is
 * facilitator-only. A CRDT update cannot be applied in part without forking the sender's
 * history, so refusing it whole — and having the sender reload — is the only consistent choice.
 *
 * Whoever wrote it, an update may not touch what only the server writes (ADR 0013): the `meta`
 * map (the board's layout version and schema, MIG-1), the `votes` and `ballots` maps (votes and
 * ballots live in each member's private document; the server publishes revealed ballots here)
 * and the `voteResult` key of `session` (the count the server publishes when a vote closes).
 *
 * Whoever wrote it, a sticky's author is the member who writes it (author-policy.ts): a new
 * record may name only that member, or nobody on an anonymous board, and an existing record's
 * author never changes.
 *
 * Records are laid out as maps (record layout v2, shared/src/sync/record-layout.ts): an edit to
 * a sticky's colour is an item two levels below its entry in `records`. Every item is traced to
 * the record entry it lands in, and how deep below it, so the timeline rules hold for any nested
 * field.
 */

/**
 * `incomplete`: the update builds on content the board does not have yet. An honest client
 * sends one when it edits right after reconnecting, before its sync step 2 has delivered its
 * offline edits; the room holds it for that socket until the rest arrives, then checks the whole.
 */
export type UpdateVerdict =
  | { kind: 'allowed' }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'incomplete' }

/** Maps of the doc only the facilitator writes: workshop step, timer, vote, anonymity; value and effort; rejected suggestions. */
const facilitatorOnlyMaps: ReadonlySet<string> = new Set([
  docLayout.session,
  docLayout.assessments,
  docLayout.suggestionDecisions,
])

const knownMaps: ReadonlySet<string> = new Set(Object.values(docLayout))

/** Only the server writes here (a client's update touching it is refused, whoever sent it). */
const serverOnlyMaps: ReadonlySet<string> = new Set([
  docLayout.meta,
  docLayout.votes,
  docLayout.ballots,
])

/** Keys of the session map only the server writes. */
const serverOnlySessionKeys: ReadonlySet<string> = new Set([voteResultKey])

/**
 * Where an item lives: the top-level map, the key of the entry it is in (null for list content),
 * how deep below that entry (0: the entry itself; 1: a field of a record map; 2: a prop…), the
 * key it has in its own parent map, the keys from the entry down to it, and the item of the
 * type it is stored in (null: the top-level type itself).
 */
interface Target {
  root: string
  key: string | null
  depth: number
  sub: string | null
  path: RecordPath
  parent: Y.Item | null
}

/**
 * How many keys below a record entry a path keeps: enough to tell a field of `meta.stormline`
 * from content inside one (author-policy.ts); deeper items keep the first keys only.
 */
const maxTrackedPath = 4

/** Content under a deleted (garbage-collected) type: it can never become visible again. */
const underDeletedType = 'under-deleted-type'
/** The update builds on content the server does not have (yet); it cannot be checked now. */
const unresolvable = 'unresolvable'

type Resolved = Target | typeof underDeletedType | typeof unresolvable

const allowed: UpdateVerdict = { kind: 'allowed' }
const incomplete: UpdateVerdict = { kind: 'incomplete' }

/**
 * Who wrote the update: the role of the socket (the facilitator may change facilitator state, a
 * participant not) and the member it belongs to (null: a peer without identity, as in tests of
 * the roles alone; the author rules are then skipped).
 */
export interface UpdateAuthor {
  role: 'facilitator' | 'participant'
  memberId: string | null
  /**
   * The author a record had when it was last on the board (the room remembers the authors of
   * deleted stickies): undoing a deletion brings a sticky back with its own author, which is
   * not the member undoing it (ADR 0013).
   */
  formerAuthor?: (recordId: string) => string | undefined
}

/**
 * Reads an update against the live document before it is applied: whether it is complete (all
 * it builds on is in the document or in the update) and, for a participant, whether it touches
 * facilitator-only state. Throws on bytes that are not an update.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, author: UpdateAuthor): UpdateVerdict {
  const { structs, ds } = Y.decodeUpdate(update)
  const restricted = author.role === 'participant'
  let missing = hasClockGaps(doc, structs)
  const incoming = indexIncoming(doc, structs)
  const records = doc.getMap<unknown>(docLayout.records)
  const authors =
    author.memberId === null ? null : new AuthorWatch(doc, ds, author.memberId, author.formerAuthor)
  const memo = new Map<Y.Item, Resolved>()

  const resolveIncoming = (item: Y.Item, depth: number): Resolved => {
    const known = memo.get(item)
    if (known !== undefined) return known
    // Each step moves to an older neighbour or parent; a cycle can only come from a forged update.
    if (depth > structs.length + 1) return unresolvable
    let result: Resolved
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      result = {
        root: parent,
        key: item.parentSub,
        depth: 0,
        sub: item.parentSub,
        path: [],
        parent: null,
      }
    } else if (parent instanceof Y.ID) {
      const container = resolveId(parent, depth + 1)
      result =
        typeof container === 'string'
          ? container
          : {
              ...container,
              depth: container.depth + 1,
              sub: item.parentSub,
              // Bounded, so a forged chain of nested types costs no more than a short one.
              path:
                container.path.length >= maxTrackedPath
                  ? container.path
                  : [...container.path, item.parentSub],
              parent: itemAt(parent) ?? null,
            }
    } else {
      // Parent and key are inherited from the left (or right) neighbour.
      const neighbour = item.origin ?? item.rightOrigin
      result = neighbour ? resolveId(neighbour, depth + 1) : unresolvable
    }
    memo.set(item, result)
    return result
  }

  const itemAt = (id: Y.ID): Y.Item | undefined => {
    const found = findIncoming(incoming, id) ?? findInDoc(doc, id)
    return found instanceof Y.Item ? found : undefined
  }

  const resolveId = (id: Y.ID, depth: number): Resolved => {
    const own = findIncoming(incoming, id)
    if (own) return resolveIncoming(own, depth)
    const existing = findInDoc(doc, id)
    if (existing === undefined) return unresolvable
    if (existing instanceof Y.GC) return underDeletedType
    return targetInDoc(existing)
  }

  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || isAlreadyIntegrated(doc, struct)) continue
    const target = resolveIncoming(struct, 0)
    if (target === underDeletedType) continue
    if (target === unresolvable) {
      missing = true
      continue
    }
    const reason =
      judgeServerOnly(target) ??
      (restricted ? judgeInsert(records, target, struct) : null) ??
      (authors && isRecordEntry(target)
        ? authors.noteInsert(struct, target.key, target.path, target.parent, target.sub)
        : null)
    if (reason) return refuse(reason)
  }

  for (const [client, deletions] of ds.clients) {
    const ownStructs = doc.store.clients.get(client) ?? []
    const known = Y.getState(doc.store, client)
    const incomingEnd = endOfIncoming(incoming, client)
    for (const { clock, len } of deletions) {
      // Deleting what neither the board nor this update has: Yjs would keep it pending.
      if (clock + len > Math.max(known, incomingEnd)) missing = true
      if (clock >= known) continue
      for (let i = Y.findIndexSS(ownStructs, clock); i < ownStructs.length; i++) {
        const struct = ownStructs[i]
        if (!struct || struct.id.clock >= clock + len) break
        if (!(struct instanceof Y.Item) || struct.deleted) continue
        const target = targetInDoc(struct)
        const reason =
          judgeServerOnly(target) ??
          (restricted ? judgeDelete(records, target, struct) : null) ??
          (authors && isRecordEntry(target)
            ? authors.noteDelete(struct, target.key, target.path)
            : null)
        if (reason) return refuse(reason)
      }
    }
  }
  if (missing) return incomplete
  // Judged on the whole update only: with part of it missing, a record's new state is unknown.
  const reason = authors?.judge()
  return reason ? refuse(reason) : allowed
}

/** Whether the item is inside an entry of the records map. */
function isRecordEntry(target: Target): target is Target & { key: string } {
  return target.root === docLayout.records && target.key !== null
}

/** Whether some client's new structs start past what the board has of that client (or skip). */
function hasClockGaps(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): boolean {
  const next = new Map<number, number>()
  for (const struct of structs) {
    const client = struct.id.client
    const expected = next.get(client) ?? Y.getState(doc.store, client)
    const end = struct.id.clock + struct.length
    if (end <= expected) continue
    if (struct instanceof Y.Skip || struct.id.clock > expected) return true
    next.set(client, end)
  }
  return false
}

function endOfIncoming(index: IncomingIndex, client: number): number {
  const last = index.get(client)?.at(-1)
  return last ? last.id.clock + last.length : 0
}

function refuse(reason: string): UpdateVerdict {
  return { kind: 'forbidden', reason }
}

function judgeServerOnly(target: Target): string | null {
  if (serverOnlyMaps.has(target.root)) return `${target.root} is written by the server only`
  if (
    target.root === docLayout.session &&
    target.key !== null &&
    serverOnlySessionKeys.has(target.key)
  ) {
    return `${target.root}.${target.key} is written by the server only`
  }
  return null
}

function judgeInsert(records: Y.Map<unknown>, target: Target, item: Y.Item): string | null {
  const common = judgeTarget(records, target)
  if (common) return common
  if (target.root !== docLayout.records || target.key === null) return null
  const typeField = target.depth === 1 && target.sub === 'type'
  // A record's type is a plain string; as a shared type (a Y.Text spelling "timeline" later)
  // it would escape the check below.
  if (typeField && !(item.content instanceof Y.ContentAny))
    return 'a record type must be a plain value'
  // Layout v2: the record map gets `type: 'timeline'`; layout v1: the whole record as JSON.
  const makesTimeline = typeField
    ? firstValue(item) === timelineShapeType
    : target.depth === 0 && isTimelineRecord(firstValue(item))
  if (!makesTimeline) return null
  // The one exception: the first client to open a board lays out its template's timeline. It
  // may create the template timeline if the board never had one, and change nothing else.
  const firstLayout = target.key === templateTimelineId && !records._map.has(templateTimelineId)
  return firstLayout ? null : 'only the facilitator adds or changes timelines'
}

function judgeDelete(records: Y.Map<unknown>, target: Target, item: Y.Item): string | null {
  const common = judgeTarget(records, target)
  if (common) return common
  if (
    target.root === docLayout.records &&
    target.key !== null &&
    target.depth === 0 &&
    isTimelineRecord(firstValue(item))
  ) {
    return 'only the facilitator removes timelines'
  }
  return null
}

/** Rules that do not depend on whether the item is written or deleted. */
function judgeTarget(records: Y.Map<unknown>, target: Target): string | null {
  if (!knownMaps.has(target.root)) return `"${target.root.slice(0, 40)}" is not part of a board`
  if (facilitatorOnlyMaps.has(target.root)) return `${target.root} is facilitator-only`
  if (target.root === docLayout.records && target.key !== null) {
    // Covers overwriting the timeline with anything (even a sticky) and nested edits inside it.
    if (isTimelineRecord(records.get(target.key))) return 'the timeline is facilitator-only'
  }
  return null
}

/** A timeline record, as a record map (layout v2) or as one JSON value (layout v1). */
function isTimelineRecord(value: unknown): boolean {
  if (value instanceof Y.Map) {
    // Decoded like every reader decodes it, so a type spelled by a shared type counts too.
    return (
      decodeValue(value.get('typeName'), 'typeName') === 'shape' &&
      decodeValue(value.get('type'), 'type') === timelineShapeType
    )
  }
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>).typeName === 'shape' &&
    (value as Record<string, unknown>).type === timelineShapeType
  )
}

function firstValue(item: Y.Item): unknown {
  return item.content instanceof Y.ContentAny ? item.content.getContent()[0] : undefined
}

/** The top-level map, entry key and depth of an item already in the document. */
function targetInDoc(item: Y.Item): Target {
  let entry = item
  const path: (string | null)[] = []
  // Walk up through nested types to the entry of the top-level type.
  while (entry.parent instanceof Y.AbstractType && entry.parent._item !== null) {
    path.push(entry.parentSub)
    entry = entry.parent._item
  }
  path.reverse()
  const root = entry.parent instanceof Y.AbstractType ? Y.findRootTypeKey(entry.parent) : ''
  const parent = item.parent instanceof Y.AbstractType ? item.parent._item : null
  return {
    root,
    key: entry.parentSub,
    depth: path.length,
    sub: item.parentSub,
    path: path.slice(0, maxTrackedPath),
    parent,
  }
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  const structs = doc.store.clients.get(id.client)
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return undefined
  return structs[Y.findIndexSS(structs, id.clock)]
}

/** Items of the update the document does not have yet, by client, in clock order. */
type IncomingIndex = Map<number, Y.Item[]>

function indexIncoming(doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): IncomingIndex {
  const index: IncomingIndex = new Map()
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || isAlreadyIntegrated(doc, struct)) continue
    const list = index.get(struct.id.client) ?? []
    list.push(struct)
    index.set(struct.id.client, list)
  }
  return index
}

function findIncoming(index: IncomingIndex, id: Y.ID): Y.Item | undefined {
  const list = index.get(id.client)
  if (!list) return undefined
  // Structs of one client arrive in clock order, so a binary search finds the one covering the id.
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const item = list[mid] as Y.Item
    if (id.clock < item.id.clock) high = mid - 1
    else if (id.clock >= item.id.clock + item.length) low = mid + 1
    else return item
  }
  return undefined
}

/** Whether the document already holds every clock of this item (Yjs will skip it). */
function isAlreadyIntegrated(doc: Y.Doc, item: Y.Item): boolean {
  return item.id.clock + item.length <= Y.getState(doc.store, item.id.client)
}
