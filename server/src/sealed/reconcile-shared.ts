import type * as Y from 'yjs'
import { applyAuthorStrip, planAuthorStrip } from './reconcile-anonymous.ts'
import { applyBallots, planBallots } from './reconcile-ballots.ts'
import { applyDrafts, planDrafts, type SkippedDraft } from './reconcile-drafts.ts'
import { sortedMembers } from './reconcile-members.ts'
import { applyVoteResult, planVoteResult } from './reconcile-vote-result.ts'

export type { SkippedDraft } from './reconcile-drafts.ts'

/**
 * What the server keeps in step between a board's shared document and its members' private
 * documents (ADR 0013): the count of a closed vote, the ballots of revealed estimates, drafts
 * outside a silent-writing round, and no authors on an anonymous board. Pure: reads the
 * documents, plans every change first, then writes only into the shared document.
 */

export interface ReconcileOutcome {
  /** Whether the shared document was written (in one transaction with the given origin). */
  changed: boolean
  /**
   * Per member id, draft ids the caller removes from that member's private document once the
   * shared update is stored: published now, or already in the shared records (a crash between
   * publishing and removing). Only members with at least one id are listed.
   */
  publishedDrafts: Map<string, string[]>
  /** Per member id, drafts that are not valid notes and were not published (left in place). */
  skippedDrafts: Map<string, SkippedDraft[]>
}

/**
 * Brings the shared document in line with the sealed state, in ONE `shared.transact(…, origin)`
 * and only when something must change: running it twice changes nothing the second time.
 * `privates` must hold every member's private document of the board, keyed by member id: a
 * member left out counts as having cast no dots, ballots or drafts (and shared ballots keyed by
 * their id are taken for a legacy board's and left alone). Results never depend on map order.
 */
export function reconcileShared(
  shared: Y.Doc,
  privates: ReadonlyMap<string, Y.Doc>,
  origin: unknown,
): ReconcileOutcome {
  const members = sortedMembers(privates)
  const voteResult = planVoteResult(shared, members)
  const ballots = planBallots(shared, members)
  const drafts = planDrafts(shared, members)
  const authors = planAuthorStrip(shared)
  const changed =
    voteResult !== null || ballots !== null || drafts.publish.length > 0 || authors !== null
  if (changed) {
    shared.transact(() => {
      if (voteResult) applyVoteResult(shared, voteResult)
      if (ballots) applyBallots(shared, ballots)
      applyDrafts(shared, drafts.publish)
      if (authors) applyAuthorStrip(shared, authors)
    }, origin)
  }
  return { changed, publishedDrafts: drafts.done, skippedDrafts: drafts.skipped }
}
