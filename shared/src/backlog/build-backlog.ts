import { type BoardModel, readBoard, type StickyModel } from '../board/read-board.ts'
import type { Ballot } from './assessment.ts'
import type {
  Backlog,
  BacklogItem,
  Evidence,
  ScoreParts,
  UnrankedPainPoint,
} from './backlog-types.ts'
import type { BoardMapsJson } from './board-maps.ts'
import { visibleClusters } from './clusters.ts'
import { readAssessment, readBallot, summariseBallots } from './estimates.ts'
import { compareRank, neutralRating, scoreParts, scoreReason } from './score.ts'
import { backlogItemId } from './stable-id.ts'
import { closedVoteTotals, readVoteResult, voteResultKey } from './vote-result.ts'
import { readVoteSession, type VoteSession, voteSessionKey, voteTotals } from './voting.ts'

/**
 * Turns a board into its prioritised discovery backlog: one item per cluster
 * of pain points, plus single pain points that received votes or an
 * assessment. Every other pain point (in no cluster, no votes, no assessment)
 * is listed unranked, so no pain point silently drops out of the backlog and
 * its exports. Pure and deterministic, so the browser's live panel, the API and
 * the CLI produce the same backlog from the same board.
 *
 * Votes count once the vote is closed: while it is open they are secret, and a
 * ranking that moved with every dot would give them away.
 */
export function buildBacklog(board: { id: string; name: string }, maps: BoardMapsJson): Backlog {
  const model = readBoard(maps.records, maps.session)
  const pain = new Map(model.stickies.filter((s) => s.kind === 'pain').map((s) => [s.id, s]))
  const clusters = visibleClusters(maps.clusters, (id) => pain.has(id))
  const session = readVoteSession(maps.session[voteSessionKey])
  const votes = closedVotes(session, maps)
  const ballots = groupBallots(maps.ballots, model.session.anonymous)
  const phaseOrder = new Map(model.timeline?.phases.map((p) => [p.id, p.index]) ?? [])

  const index = stickyIndex(model)
  const clustered = new Set(clusters.flatMap((c) => c.memberIds))
  const singles = [...pain.values()].filter((s) => !clustered.has(s.id))
  const ranksAlone = (s: StickyModel): boolean =>
    (votes.get(s.id) ?? 0) > 0 || maps.assessments[s.id] !== undefined
  const targets: {
    targetId: string
    kind: BacklogItem['kind']
    title: string
    members: StickyModel[]
  }[] = [
    ...clusters.map((c) => ({
      targetId: c.id,
      kind: 'cluster' as const,
      title: c.name,
      members: c.memberIds.flatMap((id) => pain.get(id) ?? []),
    })),
    ...singles.filter(ranksAlone).map((s) => ({
      targetId: s.id,
      kind: 'pain-point' as const,
      title: painPointTitle(s),
      members: [s],
    })),
  ]

  const items = targets.map((target): BacklogItem => {
    const members = [...target.members].sort(byTimeline(phaseOrder))
    const assessment = readAssessment(maps.assessments[target.targetId])
    const targetBallots = ballots.get(target.targetId) ?? []
    const estimate =
      assessment?.mode === 'poker' ? summariseBallots(targetBallots, assessment.revealed) : null
    const rating = (
      own: number | null,
      estimated: number | null,
    ): [number, ScoreParts['valueSource']] =>
      assessment?.mode === 'poker'
        ? estimated === null
          ? [neutralRating, 'default']
          : [estimated, 'estimate']
        : own === null
          ? [neutralRating, 'default']
          : [own, 'facilitator']
    const [value, valueSource] = rating(assessment?.value ?? null, estimate?.valueMedian ?? null)
    const [effort, effortSource] = rating(
      assessment?.effort ?? null,
      estimate?.effortMedian ?? null,
    )
    const steps = relatedStickies(
      index,
      members.flatMap((m) => (m.stepId ? [m.stepId] : [])),
      byTimeline(phaseOrder),
    )
    const score = scoreParts({
      value,
      valueSource,
      effort,
      effortSource,
      votes: votes.get(target.targetId) ?? 0,
      evidence: members.length,
      authors: new Set(members.map((m) => m.authorId ?? m.authorName ?? m.id)).size,
      phases: new Set(members.flatMap((m) => (m.phaseId ? [m.phaseId] : []))).size,
    })
    return {
      itemId: backlogItemId(target.targetId),
      rank: 0,
      targetId: target.targetId,
      kind: target.kind,
      title: target.title,
      score,
      reason: scoreReason(score),
      evidence: members.map(toEvidence),
      steps: steps.steps,
      systems: steps.systems,
      teams: steps.teams,
      phases: unique(members.flatMap((m) => (m.phaseName ? [m.phaseName] : []))),
      estimate,
      classification: assessment?.classification ?? { urgency: null, horizon: null },
      link: focusLink(board.id, target.targetId),
    }
  })

  items.sort(compareRank)
  items.forEach((item, index) => {
    item.rank = index + 1
  })

  // One comparator for the sort and every item's related stickies (it is built per call).
  const timelineOrder = byTimeline(phaseOrder)
  const unranked = singles
    .filter((s) => !ranksAlone(s))
    .sort(timelineOrder)
    .map((s): UnrankedPainPoint => {
      const related = relatedStickies(index, s.stepId ? [s.stepId] : [], timelineOrder)
      return {
        itemId: backlogItemId(s.id),
        targetId: s.id,
        kind: 'pain-point',
        title: painPointTitle(s),
        evidence: toEvidence(s),
        phases: s.phaseName ? [s.phaseName] : [],
        steps: related.steps,
        systems: related.systems,
        teams: related.teams,
        link: focusLink(board.id, s.id),
      }
    })
  return { schemaVersion: 1, board: { id: board.id, name: board.name }, items, unranked }
}

/** The board page opened on one cluster or sticky (relative; exports make it absolute). */
function focusLink(boardId: string, targetId: string): string {
  return `/b/${boardId}?focus=${encodeURIComponent(targetId)}`
}

function painPointTitle(sticky: StickyModel): string {
  return truncate(sticky.text || 'Untitled pain point', 80)
}

/**
 * Dots of the closed vote: the totals the server published when the facilitator closed it
 * (session.voteResult, ADR 0013). A board closed before per-person identity has no published
 * result; its dots are still in the legacy `votes` map, one entry per browser.
 */
function closedVotes(session: VoteSession, maps: BoardMapsJson): Map<string, number> {
  if (session.status !== 'closed') return new Map()
  const published = closedVoteTotals(session, readVoteResult(maps.session[voteResultKey]))
  return published ?? voteTotals(session, Object.values(maps.votes))
}

/** Ballots by target. On an anonymous board their participant names are dropped at the source. */
function groupBallots(raw: Record<string, unknown>, anonymous: boolean): Map<string, Ballot[]> {
  const byTarget = new Map<string, Ballot[]>()
  for (const [key, value] of Object.entries(raw)) {
    const read = readBallot(value)
    // The key is the authority on whose ballot it is; a mismatching body is ignored.
    if (!read || key !== `${read.targetId}|${read.participantId}`) continue
    const ballot = anonymous ? { ...read, participantName: '' } : read
    byTarget.set(ballot.targetId, [...(byTarget.get(ballot.targetId) ?? []), ballot])
  }
  return byTarget
}

/** Every sticky by id and the overlays on each step: built once, read for every item. */
interface StickyIndex {
  byId: Map<string, StickyModel>
  onStep: Map<string, StickyModel[]>
}

function stickyIndex(model: BoardModel): StickyIndex {
  const byId = new Map(model.stickies.map((s) => [s.id, s]))
  const onStep = new Map<string, StickyModel[]>()
  for (const s of model.stickies) {
    if (s.stepId === null) continue
    const list = onStep.get(s.stepId)
    if (list) list.push(s)
    else onStep.set(s.stepId, [s])
  }
  return { byId, onStep }
}

function relatedStickies(
  index: StickyIndex,
  stepIds: string[],
  order: (a: StickyModel, b: StickyModel) => number,
): { steps: string[]; systems: string[]; teams: string[] } {
  const stepSet = [...new Set(stepIds)]
  const texts = (stickies: StickyModel[]): string[] =>
    unique(
      stickies
        .sort(order)
        .map((s) => s.text)
        .filter(Boolean),
    )
  const overlays = (kind: StickyModel['kind']): StickyModel[] =>
    stepSet.flatMap((id) => (index.onStep.get(id) ?? []).filter((s) => s.kind === kind))
  return {
    steps: texts(stepSet.flatMap((id) => index.byId.get(id) ?? [])),
    systems: texts(overlays('tech')),
    teams: texts(overlays('team')),
  }
}

function byTimeline(phaseOrder: ReadonlyMap<string, number>) {
  return (a: StickyModel, b: StickyModel): number =>
    (phaseOrder.get(a.phaseId ?? '') ?? Number.MAX_SAFE_INTEGER) -
      (phaseOrder.get(b.phaseId ?? '') ?? Number.MAX_SAFE_INTEGER) ||
    a.bounds.x - b.bounds.x ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function toEvidence(sticky: StickyModel): Evidence {
  return {
    stickyId: sticky.id,
    text: sticky.text,
    authorName: sticky.authorName,
    phaseName: sticky.phaseName,
    context: sticky.context,
    needsDeepDive: sticky.needsDeepDive,
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
