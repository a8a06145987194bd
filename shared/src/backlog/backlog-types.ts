import type { Horizon, Urgency } from './assessment.ts'

/** A pain point quoted as evidence in a backlog item. */
export interface Evidence {
  stickyId: string
  text: string
  authorName: string | null
  phaseName: string | null
  context: string
  needsDeepDive: boolean
}

export interface ScoreParts {
  /** 1–5; the facilitator's value, the median of revealed ballots, or the neutral default 3. */
  value: number
  valueSource: 'facilitator' | 'estimate' | 'default'
  /** 1–5; as value. */
  effort: number
  effortSource: 'facilitator' | 'estimate' | 'default'
  votes: number
  evidence: number
  authors: number
  phases: number
  /** value × (1 + boosts): votes, evidence and breadth raise value. */
  weightedValue: number
  /** weightedValue ÷ effort, rounded to 2 decimals. */
  score: number
}

export interface EstimateSummary {
  ballots: number
  revealed: boolean
  valueMedian: number | null
  valueSpread: number | null
  effortMedian: number | null
  effortSpread: number | null
  /** Wide disagreement: worth discussing before trusting the median. */
  disagreement: boolean
}

export interface BacklogItem {
  /** Stable across exports: derived from the cluster (or pain point) id. */
  itemId: string
  rank: number
  /** Cluster id, or the pain point's sticky id for an unclustered voted pain point. */
  targetId: string
  kind: 'cluster' | 'pain-point'
  title: string
  score: ScoreParts
  /** Why it ranks where it does, in one sentence. */
  reason: string
  evidence: Evidence[]
  steps: string[]
  systems: string[]
  teams: string[]
  phases: string[]
  estimate: EstimateSummary | null
  classification: { urgency: Urgency | null; horizon: Horizon | null }
  /** `/b/:boardId?focus=<targetId>` */
  link: string
}

/**
 * A pain point in no cluster, without votes (of a closed vote) and without an assessment: it is
 * not ranked, but it stays in the backlog and its exports ("Not voted yet") so nothing the group
 * wrote silently disappears. Once it gets a vote or an assessment it becomes a ranked item with
 * the same itemId.
 */
export interface UnrankedPainPoint {
  /** The id it keeps when it becomes a ranked item. */
  itemId: string
  /** The pain point's sticky id. */
  targetId: string
  kind: 'pain-point'
  title: string
  /** The pain point itself, as it would be quoted as evidence. */
  evidence: Evidence
  phases: string[]
  steps: string[]
  systems: string[]
  teams: string[]
  /** `/b/:boardId?focus=<targetId>` */
  link: string
}

export interface Backlog {
  /**
   * 1 since the first export. `unranked` was added later without a bump: it is a new field
   * beside `items`, whose meaning did not change; a file without it has no unranked pain points.
   */
  schemaVersion: 1
  board: { id: string; name: string }
  /** Ranked, best first. */
  items: BacklogItem[]
  /** Not ranked ("Not voted yet"), in timeline order. */
  unranked: UnrankedPainPoint[]
}
