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

export interface Backlog {
  schemaVersion: 1
  board: { id: string; name: string }
  items: BacklogItem[]
}
