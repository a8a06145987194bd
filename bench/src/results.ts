import type { BacklogCostResult } from './backlog-cost.ts'
import type { DocumentGrowthResult } from './board-scale/document-growth.ts'
import type { IdleBoardMemoryResult } from './board-scale/idle-board-memory.ts'
import type { StoredBoardResult } from './board-scale/stored-board.ts'
import type { PageTiming } from './client/board-render.ts'
import type { BundleSize } from './client/web-bundle.ts'
import type { FanoutResult } from './fanout/fanout-run.ts'
import type { ScaleOutResults } from './scale-out/scale-out-results.ts'
import type { SuggestionQualityResult } from './suggestion-quality/quality-section.ts'

/** The sections of the results file, by the key they are stored under. */
export const sectionKeys = [
  'fanout',
  'documentGrowth',
  'storedBoards',
  'idleBoardMemory',
  'backlog',
  'client',
  'scaleOut',
  'suggestionQuality',
] as const
export type SectionKey = (typeof sectionKeys)[number]

/** Everything one `pnpm bench` run measured: written as JSON and rendered as Markdown. */
export interface BenchResults {
  meta: {
    mode: 'full' | 'quick'
    startedAt: string
    finishedAt: string
    node: string
    platform: string
    cpuModel: string
    /** Cores this process may use (os.availableParallelism). */
    cores: number
    totalMemoryBytes: number
    /** 1-minute load average when each section started: other work on the machine shows here. */
    loadAverage: Record<string, number>
    /** The Stormline server code measured: commit, and whether it had uncommitted changes. */
    stormline: string
    /**
     * Per kept section, the run that measured it (a partial run keeps the others' figures), so a
     * figure carried over is never credited to this run's code.
     */
    sectionRuns?: Partial<Record<SectionKey, { stormline: string; startedAt: string }>>
    versions: Record<string, string>
    notes: string[]
  }
  fanout?: FanoutResult[]
  documentGrowth?: DocumentGrowthResult[]
  storedBoards?: StoredBoardResult[]
  idleBoardMemory?: IdleBoardMemoryResult[]
  backlog?: BacklogCostResult[]
  client?: {
    source: string
    buildMs: number | null
    bundle: BundleSize
    stickies: number
    renders: PageTiming[]
    medianRenderMs: number
  }
  scaleOut?: ScaleOutResults
  /** Section 6: cluster suggestions against labelled boards (ADR 0016). */
  suggestionQuality?: SuggestionQualityResult
}
