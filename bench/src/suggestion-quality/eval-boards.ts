import { readdirSync, readFileSync } from 'node:fs'
import type { PainPointInput } from '@stormline/shared/backlog/suggestion-types'
import { boardTemplates, templatePhaseId } from '@stormline/shared/board/templates'
import { type PhaseSpan, phaseSpans } from '@stormline/shared/board/timeline'

/**
 * The labelled evaluation boards (boards/*.json): pain points as workshop participants write
 * them, each with its true theme (null: a one-off that belongs to no theme) and the phase of the
 * path-to-production timeline it sits in. "tuning" boards chose the suggester's settings;
 * "holdout" boards were written before the tuning and never used for it (ADR 0016).
 */

interface BoardFile {
  name: string
  use: 'tuning' | 'holdout'
  themes: Record<string, string>
  painPoints: { theme: string | null; phase: number; text: string }[]
}

export interface EvalBoard {
  file: string
  name: string
  use: 'tuning' | 'holdout'
  themeCount: number
  phases: PhaseSpan[]
  /** Ids `shape:NN` in file order, so index i is painPoints[i] and truth[i]. */
  painPoints: PainPointInput[]
  /** Theme per pain point; a one-off gets a label of its own. */
  truth: string[]
}

const template = boardTemplates['path-to-production']
const phaseWidth = 400
const phases = phaseSpans(0, {
  w: phaseWidth * (template.timeline?.phases.length ?? 0),
  phases: (template.timeline?.phases ?? []).map((name, i) => ({
    id: templatePhaseId('path-to-production', i),
    name,
    weight: 1,
  })),
})

const boardsDir = new URL('./boards/', import.meta.url)

export function loadEvalBoards(): EvalBoard[] {
  return readdirSync(boardsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => evalBoard(file, JSON.parse(readFileSync(new URL(file, boardsDir), 'utf8'))))
}

function evalBoard(file: string, data: BoardFile): EvalBoard {
  const inPhase = new Map<number, number>()
  const painPoints = data.painPoints.map((p, i) => {
    if (p.theme !== null && !(p.theme in data.themes))
      throw new Error(`${file}: pain point ${i} has unknown theme ${p.theme}`)
    const phase = phases[p.phase]
    if (!phase) throw new Error(`${file}: pain point ${i} has no phase ${p.phase}`)
    // Spread along the phase as people stick them: each next one a little further on.
    const k = inPhase.get(p.phase) ?? 0
    inPhase.set(p.phase, k + 1)
    return {
      id: `shape:${String(i).padStart(2, '0')}`,
      text: p.text,
      x: phase.startX + 20 + ((k * 67) % (phaseWidth - 40)),
      phaseId: phase.id,
    }
  })
  return {
    file,
    name: data.name,
    use: data.use,
    themeCount: Object.keys(data.themes).length,
    phases,
    painPoints,
    truth: data.painPoints.map((p, i) => p.theme ?? `one-off:${i}`),
  }
}
