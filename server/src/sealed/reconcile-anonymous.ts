import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject, type JsonObject } from '@stormline/shared/sync/json-value'
import { decodeRecord, decodeValue, patchRecord } from '@stormline/shared/sync/record-layout'
import * as Y from 'yjs'
import { hasName } from './reconcile-ballots.ts'

/**
 * Anonymous means anonymous (ADR 0013): on a board with `session.anonymous === true`, no record
 * in the shared document keeps an `authorId` or `authorName` in `meta.stormline` (an empty
 * string names nobody and stays). Stripped when anonymity is switched on, and whenever one turns
 * up (a sticky written before the switch by a client that had not seen it).
 *
 * Clusters lose their `createdBy` (a member id, which anyone present can match to a name).
 *
 * Dot-vote entries stored before issue 14 (the shared `votes` map, keyed by participant) lose
 * their names too; their dots still count for the round they were cast in.
 */

const authorFields = ['authorId', 'authorName'] as const

export interface AuthorStripPlan {
  /** Record keys whose author fields go. */
  records: string[]
  /** Legacy `votes` keys whose participantName goes. */
  votes: string[]
  /** Cluster keys whose `createdBy` (a member id, which presence ties to a name) goes. */
  clusters: string[]
}

const clusterCreatorField = 'createdBy'

function stormlineOf(record: unknown): JsonObject | null {
  if (!isJsonObject(record) || !isJsonObject(record.meta)) return null
  const stormline = record.meta[stickyMetaKey]
  return isJsonObject(stormline) ? stormline : null
}

function namesAuthor(stormline: JsonObject): boolean {
  return authorFields.some((field) => stormline[field] !== undefined && stormline[field] !== '')
}

/** A field of a stored map or JSON object, decoded as readers decode it (no whole-record decode). */
function field(value: unknown, key: string): unknown {
  if (value instanceof Y.Map) return value.get(key)
  if (value instanceof Y.AbstractType || !isJsonObject(value)) return undefined
  return value[key]
}

/** Whether a stored record names an author: runs over every record after each change. */
function storedNamesAuthor(value: unknown): boolean {
  const stormline = field(field(value, 'meta'), stickyMetaKey)
  if (stormline instanceof Y.Map) {
    return authorFields.some((key) => {
      const author = decodeValue(stormline.get(key), key)
      return author !== undefined && author !== ''
    })
  }
  return isJsonObject(stormline) && !(stormline instanceof Y.AbstractType) && namesAuthor(stormline)
}

export function planAuthorStrip(shared: Y.Doc): AuthorStripPlan | null {
  const anonymous = readAnonymous(
    shared.getMap<unknown>(docLayout.session).get(sessionKeys.anonymous),
  )
  return anonymous ? planAuthorFields(shared) : null
}

/**
 * Every author field the document holds, whether or not it is anonymous itself (a checkpoint
 * taken before its board turned anonymous is shown without them: board-history.ts).
 */
export function planAuthorFields(shared: Y.Doc): AuthorStripPlan | null {
  const plan: AuthorStripPlan = { records: [], votes: [], clusters: [] }
  for (const [key, value] of shared.getMap<unknown>(docLayout.records).entries()) {
    if (storedNamesAuthor(value)) plan.records.push(key)
  }
  for (const [key, value] of shared.getMap<unknown>(docLayout.votes).entries()) {
    if (hasName(value)) plan.votes.push(key)
  }
  for (const [key, value] of shared.getMap<unknown>(docLayout.clusters).entries()) {
    const creator = field(value, clusterCreatorField)
    if (creator !== undefined && creator !== '') plan.clusters.push(key)
  }
  return plan.records.length > 0 || plan.votes.length > 0 || plan.clusters.length > 0 ? plan : null
}

/** The record without non-empty author fields. */
function stripped(record: JsonObject, stormline: JsonObject): JsonObject {
  const kept = { ...stormline }
  for (const field of authorFields) {
    if (kept[field] !== undefined && kept[field] !== '') delete kept[field]
  }
  const meta = record.meta as JsonObject
  return { ...record, meta: { ...meta, [stickyMetaKey]: kept } }
}

/** Removes the author fields; call inside the reconcile transaction. */
export function applyAuthorStrip(shared: Y.Doc, plan: AuthorStripPlan): void {
  const records = shared.getMap<unknown>(docLayout.records)
  for (const key of plan.records) {
    const value = records.get(key)
    const record = decodeRecord(value)
    const stormline = stormlineOf(record)
    if (!isJsonObject(record) || stormline === null) continue
    const after = stripped(record, stormline)
    // A record map is patched where the fields are; a whole JSON record (layout v1) is rewritten
    // in its own layout, under its own key (its id field may differ from it).
    if (value instanceof Y.Map) patchRecord(value, record, after)
    else records.set(key, after)
  }
  const votes = shared.getMap<unknown>(docLayout.votes)
  for (const key of plan.votes) {
    const value = votes.get(key)
    if (hasName(value)) votes.set(key, { ...value, participantName: '' })
  }
  const clusters = shared.getMap<unknown>(docLayout.clusters)
  for (const key of plan.clusters) {
    const value = clusters.get(key)
    // Layout v2: the cluster's own map; a whole JSON cluster (layout v1) is rewritten whole.
    if (value instanceof Y.Map) value.set(clusterCreatorField, '')
    else if (isJsonObject(value)) clusters.set(key, { ...value, [clusterCreatorField]: '' })
  }
}
