import { loadEvalBoards } from './eval-boards.ts'
import {
  type GroupingScore,
  grouping,
  type LearnScore,
  learnMode,
  scoreGroups,
} from './evaluate.ts'

/**
 * The suggestion-quality section of `pnpm bench` (ADR 0016): on each labelled board, the
 * suggester of today ("ours", not told the number of themes), the suggester before ADR 0016
 * ("old") and the library baseline (TF-IDF + average linkage told the true number of themes),
 * scored against the themes; and the "learn" mode (additions to clusters made by hand).
 * Deterministic and cheap (well under a second), so it runs in quick mode too.
 */

export interface SuggestionQualityBoard {
  file: string
  name: string
  use: 'tuning' | 'holdout'
  painPoints: number
  themes: number
  oneOffs: number
  ours: GroupingScore
  old: GroupingScore
  baseline: GroupingScore
  baselineTerms: GroupingScore
  learn: LearnScore
}

export interface SuggestionQualityResult {
  boards: SuggestionQualityBoard[]
  ms: number
}

export function measureSuggestionQuality(): SuggestionQualityResult {
  const start = performance.now()
  const boards = loadEvalBoards().map((board) => ({
    file: board.file,
    name: board.name,
    use: board.use,
    painPoints: board.painPoints.length,
    themes: board.themeCount,
    oneOffs: board.truth.filter((t) => t.startsWith('one-off:')).length,
    ours: scoreGroups(board, grouping(board, 'ours')),
    old: scoreGroups(board, grouping(board, 'old')),
    baseline: scoreGroups(board, grouping(board, 'baseline')),
    baselineTerms: scoreGroups(board, grouping(board, 'baselineTerms')),
    learn: learnMode(board),
  }))
  return { boards, ms: performance.now() - start }
}
