import { type Ballot, ballotKey, isScale } from '@stormline/shared/backlog/assessment'
import { readAssessment } from '@stormline/shared/backlog/estimates'
import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject, type JsonObject, jsonEqual } from '@stormline/shared/sync/json-value'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import * as Y from 'yjs'
import type { MemberDocs } from './reconcile-members.ts'

/**
 * Revealed planning-poker ballots (ADR 0013). Each member's ballot for a target lives in their
 * private document (`ballots[targetId]` → `{ value, effort, name }`); when the facilitator
 * reveals a poker estimate, the server copies that target's ballots into the shared `ballots`
 * map as `Ballot`s, and removes them again when the estimate is hidden or no longer poker.
 *
 * Key `${targetId}|${ballotId}`: the ballot id is the member id, or on an anonymous board `b1`,
 * `b2`… in the order of the ballots' numbers (so neither id nor order says whose it is), with no
 * name.
 *
 * Entries the server did not write — ballots of a board stored before issue 14, keyed by a
 * browser's participant id — are left alone (see `isServerBallotId`): they were public on that
 * board already, and dropping them would lose the estimate. On an anonymous board their names
 * are blanked, as sticky authors are stripped.
 */

/** Display names are at most 40 characters (web/src/participant/identity.ts); more is not a name. */
const maxNameLength = 40

/** Ballot ids of an anonymous board: never a member id (22 characters) nor a legacy participant id. */
const anonymousBallotId = /^b[1-9][0-9]*$/

export interface BallotPlan {
  /** Values to write: a Ballot, or a legacy entry with its name blanked. */
  set: [key: string, value: unknown][]
  remove: string[]
}

interface PrivateBallot {
  value: number | null
  effort: number | null
  name: string
}

/** A private ballot, or null when malformed or empty (neither value nor effort estimated). */
export function readPrivateBallot(value: unknown): PrivateBallot | null {
  if (!isJsonObject(value)) return null
  const scale = (x: unknown): number | null | false =>
    x === null || x === undefined ? null : isScale(x) ? x : false
  const estimate = scale(value.value)
  const effort = scale(value.effort)
  if (estimate === false || effort === false) return null
  if (estimate === null && effort === null) return null
  const name = typeof value.name === 'string' ? value.name.slice(0, maxNameLength) : ''
  return { value: estimate, effort, name }
}

/** Nulls sort after numbers; equal ballots are interchangeable. */
function compareBallots(a: PrivateBallot, b: PrivateBallot): number {
  const rank = (x: number | null): number => x ?? Number.POSITIVE_INFINITY
  return rank(a.value) - rank(b.value) || rank(a.effort) - rank(b.effort)
}

function revealedPokerTargets(shared: Y.Doc): string[] {
  const targets: string[] = []
  for (const [targetId, value] of shared.getMap<unknown>(docLayout.assessments).entries()) {
    const assessment = readAssessment(value)
    if (assessment?.mode === 'poker' && assessment.revealed) targets.push(targetId)
  }
  return targets.sort()
}

/** The shared `ballots` entries the sealed state calls for, by key. */
function wantedBallots(
  shared: Y.Doc,
  members: MemberDocs,
  anonymous: boolean,
): Map<string, Ballot> {
  const wanted = new Map<string, Ballot>()
  for (const targetId of revealedPokerTargets(shared)) {
    const cast: [memberId: string, ballot: PrivateBallot][] = []
    for (const [memberId, doc] of members) {
      const ballot = readPrivateBallot(doc.getMap<unknown>(privateLayout.ballots).get(targetId))
      if (ballot) cast.push([memberId, ballot])
    }
    if (anonymous) cast.sort(([, a], [, b]) => compareBallots(a, b))
    cast.forEach(([memberId, ballot], index) => {
      const participantId = anonymous ? `b${index + 1}` : memberId
      wanted.set(ballotKey(targetId, participantId), {
        targetId,
        participantId,
        participantName: anonymous ? '' : ballot.name,
        value: ballot.value,
        effort: ballot.effort,
      })
    })
  }
  return wanted
}

/** A legacy per-person entry (plain JSON) that still carries a name. */
export function hasName(value: unknown): value is JsonObject {
  return (
    isJsonObject(value) &&
    !(value instanceof Y.AbstractType) &&
    typeof value.participantName === 'string' &&
    value.participantName !== ''
  )
}

/** Whether a shared ballot key is one the server writes (a member's, or an anonymous board's). */
function isServerBallotId(key: string, members: ReadonlySet<string>): boolean {
  const ballotId = key.slice(key.lastIndexOf('|') + 1)
  return members.has(ballotId) || anonymousBallotId.test(ballotId)
}

export function planBallots(shared: Y.Doc, members: MemberDocs): BallotPlan | null {
  const anonymous = readAnonymous(
    shared.getMap<unknown>(docLayout.session).get(sessionKeys.anonymous),
  )
  const wanted = wantedBallots(shared, members, anonymous)
  const memberIds = new Set(members.map(([memberId]) => memberId))
  const ballots = shared.getMap<unknown>(docLayout.ballots)
  const plan: BallotPlan = { set: [], remove: [] }
  for (const [key, ballot] of wanted) {
    if (!jsonEqual(ballots.get(key), ballot)) plan.set.push([key, ballot])
  }
  for (const [key, value] of ballots.entries()) {
    if (wanted.has(key)) continue
    if (isServerBallotId(key, memberIds)) {
      plan.remove.push(key)
    } else if (anonymous && hasName(value)) {
      // A ballot from before issue 14 keeps its numbers but loses its name.
      plan.set.push([key, { ...value, participantName: '' }])
    }
  }
  return plan.set.length > 0 || plan.remove.length > 0 ? plan : null
}

/** Writes the plan; call inside the reconcile transaction. */
export function applyBallots(shared: Y.Doc, plan: BallotPlan): void {
  const ballots = shared.getMap<unknown>(docLayout.ballots)
  for (const [key, value] of plan.set) ballots.set(key, value)
  for (const key of plan.remove) ballots.delete(key)
}
