import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import {
  draftMetaField,
  readSilentWriting,
  silentWritingKey,
} from '@stormline/shared/board/silent-writing'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject, type JsonObject } from '@stormline/shared/sync/json-value'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { decodeRecord, encodeRecord } from '@stormline/shared/sync/record-layout'
import { validateBoardRecord } from '@stormline/shared/sync/validate-record'
import * as Y from 'yjs'
import type { MemberDocs } from './reconcile-members.ts'

/**
 * Publishing silent-writing drafts (ADR 0013). While a round is on, each person's new stickies
 * are drafts in their private document (`drafts[recordId]`, a note with
 * `meta.stormline.draft === true`). Whenever no round is on, the server writes every draft into
 * the shared records — draft flag removed, credited to the member who wrote it (by their name
 * as the draft gives it), or to nobody on an anonymous board — and the caller then removes the
 * drafts from the private documents, once the shared update is stored.
 *
 * A draft whose id the shared records already hold is not written again, only reported for
 * removal: it was published before the server could remove it (a crash in between), or its id
 * is taken. A draft that is not a valid note is left where it is and reported.
 *
 * Drafts written blind pile up: two people often start at the same default spot. A draft that
 * would sit exactly on another sticky (same parent, same x and y) moves right by its own width
 * until its spot is free, so no sticky hides another completely.
 */

/** tldraw's note side at scale 1 (NOTE_SIZE). */
const noteSize = 200
/** Enough for any real pile-up; a forged board with more stickies on one row just stops moving. */
const maxNudges = 1000

export interface SkippedDraft {
  id: string
  reason: string
}

export interface DraftPlan {
  /** Records to write into the shared `records` map, in order. */
  publish: (JsonObject & { id: string })[]
  /** Per member: draft ids to remove from their private document (published, or already shared). */
  done: Map<string, string[]>
  /** Per member: drafts left in place because they are not valid notes. */
  skipped: Map<string, SkippedDraft[]>
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The draft as it is published (no draft flag, the member as author, or nobody), or why not. */
function publishedForm(
  id: string,
  draft: unknown,
  memberId: string,
  anonymous: boolean,
): { ok: true; record: JsonObject } | { ok: false; reason: string } {
  // A shared type here was never a plain draft (the private room accepts plain values only).
  if (!isJsonObject(draft) || draft instanceof Y.AbstractType)
    return { ok: false, reason: 'a draft is a plain note record' }
  if (draft.typeName !== 'shape' || draft.type !== 'note')
    return { ok: false, reason: 'a draft is a note' }
  const meta = draft.meta
  const stormline = isJsonObject(meta) ? meta[stickyMetaKey] : undefined
  if (!isJsonObject(meta) || !isJsonObject(stormline))
    return { ok: false, reason: 'a draft has meta.stormline' }
  const { [draftMetaField]: _draft, authorId: _id, authorName, ...rest } = stormline
  const author: JsonObject = anonymous
    ? {}
    : { authorId: memberId, ...(typeof authorName === 'string' ? { authorName } : {}) }
  const record = { ...draft, meta: { ...meta, [stickyMetaKey]: { ...rest, ...author } } }
  const verdict = validateBoardRecord(id, record)
  return verdict.ok ? { ok: true, record } : { ok: false, reason: verdict.reason }
}

/** Where a note sits, for the pile-up check: its parent and exact position. */
function spotOf(record: unknown): string | null {
  if (!isJsonObject(record) || record.typeName !== 'shape' || record.type !== 'note') return null
  const { parentId, x, y } = record
  return typeof x === 'number' && typeof y === 'number' ? `${String(parentId)}|${x}|${y}` : null
}

function noteWidth(record: JsonObject): number {
  const scale = isJsonObject(record.props) ? record.props.scale : undefined
  return noteSize * (typeof scale === 'number' && scale > 0 && Number.isFinite(scale) ? scale : 1)
}

/** Moves a record right until no other sticky has exactly its spot; marks the spot taken. */
function nudged(record: JsonObject, taken: Set<string>): JsonObject {
  let placed = record
  for (let i = 0; i < maxNudges; i++) {
    const spot = spotOf(placed)
    if (spot === null || !taken.has(spot)) break
    placed = { ...placed, x: (placed.x as number) + noteWidth(placed) }
  }
  const spot = spotOf(placed)
  if (spot !== null) taken.add(spot)
  return placed
}

function takenSpots(records: Y.Map<unknown>): Set<string> {
  const taken = new Set<string>()
  for (const value of records.values()) {
    const spot = spotOf(decodeRecord(value))
    if (spot !== null) taken.add(spot)
  }
  return taken
}

export function planDrafts(shared: Y.Doc, members: MemberDocs): DraftPlan {
  const plan: DraftPlan = { publish: [], done: new Map(), skipped: new Map() }
  const session = shared.getMap<unknown>(docLayout.session)
  if (readSilentWriting(session.get(silentWritingKey)).status === 'writing') return plan
  const anonymous = readAnonymous(session.get(sessionKeys.anonymous))
  const records = shared.getMap<unknown>(docLayout.records)
  const publishing = new Set<string>()
  let taken: Set<string> | null = null
  for (const [memberId, doc] of members) {
    const drafts = doc.getMap<unknown>(privateLayout.drafts)
    for (const id of [...drafts.keys()].sort()) {
      if (records.has(id) || publishing.has(id)) {
        push(plan.done, memberId, id)
        continue
      }
      const form = publishedForm(id, drafts.get(id), memberId, anonymous)
      if (!form.ok) {
        push(plan.skipped, memberId, { id, reason: form.reason })
        continue
      }
      taken ??= takenSpots(records)
      plan.publish.push({ ...nudged(form.record, taken), id })
      publishing.add(id)
      push(plan.done, memberId, id)
    }
  }
  return plan
}

/** Writes the drafts into the shared records (layout v2); call inside the reconcile transaction. */
export function applyDrafts(shared: Y.Doc, publish: DraftPlan['publish']): void {
  const records = shared.getMap<unknown>(docLayout.records)
  for (const record of publish) records.set(record.id, encodeRecord(record))
}
