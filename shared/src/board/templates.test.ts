import { describe, expect, it } from 'vitest'
import {
  boardTemplateIds,
  boardTemplates,
  isBoardTemplateId,
  templatePhaseId,
} from './templates.ts'

describe('board templates', () => {
  it('open the default template from project start to live in production', () => {
    const timeline = boardTemplates['path-to-production'].timeline
    expect(timeline?.startLabel).toBe('Project start')
    expect(timeline?.endLabel).toBe('Live in production')
    expect(timeline?.phases.length).toBeGreaterThanOrEqual(5)
  })

  it('give every phase a distinct id across all templates', () => {
    const ids = boardTemplateIds.flatMap((id) =>
      (boardTemplates[id].timeline?.phases ?? []).map((_p, i) => templatePhaseId(id, i)),
    )
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('leave the blank template without a timeline', () => {
    expect(boardTemplates.blank.timeline).toBeNull()
  })

  it.each([
    ['post-mortem', true],
    ['kanban', false],
    [undefined, false],
  ])('recognises %s as a template id: %s', (value, expected) => {
    expect(isBoardTemplateId(value)).toBe(expected)
  })
})
