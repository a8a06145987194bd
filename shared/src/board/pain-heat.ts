import { visibleClusters } from '../backlog/clusters.ts'
import { type VoteSession, voteTotals } from '../backlog/voting.ts'
import type { BoardModel, StickyModel } from './read-board.ts'

/**
 * The pain heat-map: per phase of the timeline and per step sticky, how many pain points sit
 * there and how many votes they drew, so the group sees at a glance where it hurts.
 *
 * How votes are placed:
 * - A dot on an unclustered pain point counts where that sticky sits (its phase, its step).
 * - A dot on a cluster is shared among the cluster's members: the cluster's votes are split
 *   over the phases (and, separately, over the steps) in proportion to how many of its members
 *   sit in each, rounded by largest remainder so every count is a whole number and the counts
 *   of a cluster add up to its votes (ties go to the earlier phase / the step with the smaller
 *   id). A cluster spanning two phases therefore never counts twice: the heat-map's votes add
 *   up to the votes cast, as the backlog's do.
 * - Members off the timeline (or not next to any step) keep their share in `offTimeline`
 *   (or `withoutStep`), which the canvas does not draw but which keeps the sums honest.
 * - Dots on a sticky that has since joined a cluster do not count, as in the backlog
 *   (build-backlog.ts): the sticky is then part of a cluster and ranked through it.
 *
 * Heat is pain points plus votes; intensity is heat relative to the hottest phase (or step), from
 * 0 to 1, so the shading always uses the full range on any board.
 */

export interface HeatCount {
  pain: number
  votes: number
  /** pain + votes */
  heat: number
  /** heat / the highest heat among its peers (phases, or steps); 0 when nothing is hot. */
  intensity: number
}

export interface PhaseHeat extends HeatCount {
  phaseId: string
  name: string
  index: number
  startX: number
  endX: number
}

export interface StepHeat extends HeatCount {
  stepId: string
  phaseId: string | null
}

export interface PainHeat {
  phases: PhaseHeat[]
  steps: StepHeat[]
  offTimeline: { pain: number; votes: number }
  withoutStep: { pain: number; votes: number }
}

/**
 * Which votes a viewer's heat-map may count. Once a vote is closed: everyone's (the totals the
 * backlog ranks by). While it is open: only the viewer's own dots, for everyone including the
 * facilitator, because the heat-map is on the shared canvas (often projected) and must not give
 * the running counts away. Before any vote: none.
 */
export interface HeatVotes {
  source: 'totals' | 'mine' | 'none'
  counts: ReadonlyMap<string, number>
}

export function heatVotes(
  session: VoteSession,
  votes: Readonly<Record<string, unknown>>,
  participantId: string | null,
): HeatVotes {
  if (session.status === 'closed') {
    return { source: 'totals', counts: voteTotals(session, Object.values(votes)) }
  }
  if (session.status === 'open' && participantId !== null) {
    // Read as voteTotals reads every entry, so an entry over budget is capped the same way.
    return { source: 'mine', counts: voteTotals(session, [votes[participantId]]) }
  }
  return { source: 'none', counts: new Map() }
}

/**
 * Splits `total` over groups in proportion to their weights (largest remainder). Groups come in
 * tie-break order; the result has every group, with whole numbers adding up to `total`.
 */
export function apportion<K>(
  total: number,
  groups: readonly (readonly [K, number])[],
): Map<K, number> {
  const result = new Map<K, number>(groups.map(([key]) => [key, 0]))
  const weight = groups.reduce((sum, [, w]) => sum + w, 0)
  if (total <= 0 || weight <= 0) return result
  const shares = groups.map(([key, w], order) => {
    const exact = (total * w) / weight
    return { key, whole: Math.floor(exact), rest: exact - Math.floor(exact), order }
  })
  let left = total - shares.reduce((sum, s) => sum + s.whole, 0)
  const byRest = [...shares].sort((a, b) => b.rest - a.rest || a.order - b.order)
  for (const share of byRest) {
    if (left <= 0) break
    share.whole += 1
    left -= 1
  }
  for (const share of shares) result.set(share.key, share.whole)
  return result
}

/** Members counted per group key, in tie-break order (`order` gives each key's rank). */
function groupCounts<K>(
  members: readonly StickyModel[],
  keyOf: (s: StickyModel) => K,
  order: (key: K) => number,
): [K, number][] {
  const counts = new Map<K, number>()
  for (const member of members) {
    const key = keyOf(member)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.entries()].sort(([a], [b]) => order(a) - order(b))
}

function withIntensity<T extends { pain: number; votes: number }>(
  rows: readonly T[],
): (T & HeatCount)[] {
  const heats = rows.map((row) => row.pain + row.votes)
  const max = Math.max(0, ...heats)
  return rows.map((row, i) => {
    const heat = heats[i] ?? 0
    return { ...row, heat, intensity: max === 0 ? 0 : heat / max }
  })
}

/**
 * Counts the pain of a board per phase and per step. `rawClusters` is the clusters map as
 * stored (board-maps.ts); `votes` is what `heatVotes` allows this viewer to count.
 */
export function painHeat(
  model: BoardModel,
  rawClusters: Readonly<Record<string, unknown>>,
  votes: ReadonlyMap<string, number>,
): PainHeat {
  const pain = model.stickies.filter((s) => s.kind === 'pain')
  const painById = new Map(pain.map((s) => [s.id, s]))
  const clusters = visibleClusters(rawClusters, (id) => painById.has(id))
  const clustered = new Set(clusters.flatMap((c) => c.memberIds))

  const phaseVotes = new Map<string | null, number>()
  const stepVotes = new Map<string | null, number>()
  const phasePain = new Map<string | null, number>()
  const stepPain = new Map<string | null, number>()
  const add = (map: Map<string | null, number>, key: string | null, n: number): void => {
    if (n !== 0) map.set(key, (map.get(key) ?? 0) + n)
  }

  const phaseRank = new Map(model.timeline?.phases.map((p) => [p.id, p.index]) ?? [])
  const byPhase = (key: string | null): number =>
    key === null ? Number.MAX_SAFE_INTEGER : (phaseRank.get(key) ?? Number.MAX_SAFE_INTEGER - 1)
  const steps = model.stickies.filter((s) => s.kind === 'step')
  const stepRank = new Map(steps.map((s, i) => [s.id, i]))
  const byStep = (key: string | null): number =>
    key === null ? Number.MAX_SAFE_INTEGER : (stepRank.get(key) ?? Number.MAX_SAFE_INTEGER - 1)

  for (const sticky of pain) {
    add(phasePain, sticky.phaseId, 1)
    add(stepPain, sticky.stepId, 1)
    if (!clustered.has(sticky.id)) {
      add(phaseVotes, sticky.phaseId, votes.get(sticky.id) ?? 0)
      add(stepVotes, sticky.stepId, votes.get(sticky.id) ?? 0)
    }
  }
  for (const cluster of clusters) {
    const total = votes.get(cluster.id) ?? 0
    if (total <= 0) continue
    const members = cluster.memberIds.flatMap((id) => painById.get(id) ?? [])
    const perPhase = apportion(
      total,
      groupCounts(members, (s) => s.phaseId, byPhase),
    )
    for (const [phaseId, n] of perPhase) add(phaseVotes, phaseId, n)
    const perStep = apportion(
      total,
      groupCounts(members, (s) => s.stepId, byStep),
    )
    for (const [stepId, n] of perStep) add(stepVotes, stepId, n)
  }

  const phases = withIntensity(
    (model.timeline?.phases ?? []).map((span) => ({
      phaseId: span.id,
      name: span.name,
      index: span.index,
      startX: span.startX,
      endX: span.endX,
      pain: phasePain.get(span.id) ?? 0,
      votes: phaseVotes.get(span.id) ?? 0,
    })),
  )
  const stepRows = withIntensity(
    steps.map((step) => ({
      stepId: step.id,
      phaseId: step.phaseId,
      pain: stepPain.get(step.id) ?? 0,
      votes: stepVotes.get(step.id) ?? 0,
    })),
  )
  // Pain on a phase id the timeline no longer has counts as off the timeline too.
  const known = new Set(phases.map((p) => p.phaseId))
  const sumOff = (map: Map<string | null, number>): number =>
    [...map.entries()].reduce(
      (sum, [key, n]) => (key === null || !known.has(key) ? sum + n : sum),
      0,
    )
  const knownSteps = new Set(steps.map((s) => s.id))
  const sumWithout = (map: Map<string | null, number>): number =>
    [...map.entries()].reduce(
      (sum, [key, n]) => (key === null || !knownSteps.has(key) ? sum + n : sum),
      0,
    )
  return {
    phases,
    steps: stepRows,
    offTimeline: { pain: sumOff(phasePain), votes: sumOff(phaseVotes) },
    withoutStep: { pain: sumWithout(stepPain), votes: sumWithout(stepVotes) },
  }
}
