import { voteSessionKey } from '@stormline/shared/backlog/voting'
import { sessionKeys } from '@stormline/shared/board/session'
import { silentWritingKey } from '@stormline/shared/board/silent-writing'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import { type ShapeRecord, stickyRecord } from '@stormline/shared/testing/board-records'
import * as Y from 'yjs'

/** Boards and private documents for the reconcile tests: real Y.Docs, written as clients do. */

export const ann = 'memberAnnAAAAAAAAAAAAA'
export const bob = 'memberBobAAAAAAAAAAAAA'
export const cat = 'memberCatAAAAAAAAAAAAA'

export const session = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.session)

export function setAnonymous(doc: Y.Doc, on = true): void {
  session(doc).set(sessionKeys.anonymous, on)
}

export function setVote(doc: Y.Doc, status: 'open' | 'closed', round: number, budget = 5): void {
  session(doc).set(voteSessionKey, { status, round, budget })
}

export function setSilentWriting(doc: Y.Doc, status: 'writing' | 'off', round = 1): void {
  session(doc).set(silentWritingKey, { status, round })
}

export function setAssessment(
  doc: Y.Doc,
  targetId: string,
  mode: 'poker' | 'facilitator',
  revealed: boolean,
): void {
  doc.getMap(docLayout.assessments).set(targetId, {
    mode,
    value: null,
    effort: null,
    revealed,
    classification: { urgency: null, horizon: null },
  })
}

export function castDots(doc: Y.Doc, round: number, dots: Record<string, number>): void {
  doc.getMap(privateLayout.votes).set(myVotesKey, { round, dots })
}

export function castBallot(
  doc: Y.Doc,
  targetId: string,
  value: number | null,
  effort: number | null,
  name = 'Someone',
): void {
  doc.getMap(privateLayout.ballots).set(targetId, { value, effort, name })
}

/** A draft as the web app keeps it in the private document: a note marked as a draft. */
export function draftRecord(
  id: string,
  options: { text?: string; x?: number; y?: number; authorId?: string; authorName?: string } = {},
): ShapeRecord {
  const { authorId = 'whoever', authorName = 'Drafter', ...rest } = options
  const record = stickyRecord(id, { ...rest, authorId, authorName })
  const stormline = record.meta[stickyMetaKey] as Record<string, unknown>
  return { ...record, meta: { ...record.meta, [stickyMetaKey]: { ...stormline, draft: true } } }
}

export function writeDraft(doc: Y.Doc, record: { id: string }): void {
  doc.getMap(privateLayout.drafts).set(record.id, record)
}

/** Private documents by member, in the order given (tests swap it). */
export function privatesOf(...entries: [string, Y.Doc][]): Map<string, Y.Doc> {
  return new Map(entries)
}

/** Three fresh private documents: `const [a, b] = newDocs()`. */
export function newDocs(): [Y.Doc, Y.Doc, Y.Doc] {
  return [new Y.Doc(), new Y.Doc(), new Y.Doc()]
}

/** Every update the shared document emits, with its origin. */
export function recordUpdates(doc: Y.Doc): { origin: unknown; update: Uint8Array }[] {
  const updates: { origin: unknown; update: Uint8Array }[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => updates.push({ origin, update }))
  return updates
}
