import { describe, expect, it } from 'vitest'
import { stickyRecord } from '../testing/board-records.ts'
import { type BoardContent, emptyBoardContent } from './board-content.ts'
import { applyPlanToContent, type ContentPlan, planSize } from './content-plan.ts'
import { planRestore } from './restore-plan.ts'

const a = stickyRecord('shape:a', { text: 'Flaky tests', x: 0, y: 0 })
const b = stickyRecord('shape:b', { text: 'Slow approvals', kind: 'pain', x: 200, y: 0 })
const c = stickyRecord('shape:c', { text: 'New idea', x: 400, y: 0 })
const movedA = { ...a, x: 50, y: 80 }
const cluster = (memberIds: string[], name = 'Waiting') => ({
  id: 'cluster:1',
  name,
  memberIds,
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'Ana',
  source: 'manual',
})

const content = (
  records: Record<string, unknown>,
  more: Partial<BoardContent> = {},
): BoardContent => ({ ...emptyBoardContent, records, ...more })

describe('planRestore', () => {
  const cases: [string, BoardContent, BoardContent, ContentPlan][] = [
    ['nothing changed since the checkpoint', content({ a }), content({ a }), plan()],
    [
      'a sticky moved since: patched from now to then',
      content({ 'shape:a': movedA }),
      content({ 'shape:a': a }),
      plan({ records: [{ op: 'patch', id: 'shape:a', from: movedA, to: a }] }),
    ],
    [
      'a sticky deleted since: comes back',
      content({ 'shape:a': a }),
      content({ 'shape:a': a, 'shape:b': b }),
      plan({ records: [{ op: 'add', id: 'shape:b', to: b }] }),
    ],
    [
      'a sticky added since: deleted',
      content({ 'shape:a': a, 'shape:c': c }),
      content({ 'shape:a': a }),
      plan({ records: [{ op: 'delete', id: 'shape:c' }] }),
    ],
    [
      'clusters and suggestion decisions, each entry on its own',
      content({}, { clusters: { 'cluster:1': cluster(['shape:a', 'shape:b']) } }),
      content(
        {},
        { clusters: { 'cluster:1': cluster(['shape:a']) }, suggestionDecisions: { k: 'rejected' } },
      ),
      plan({
        clusters: [
          {
            op: 'patch',
            id: 'cluster:1',
            from: cluster(['shape:a', 'shape:b']),
            to: cluster(['shape:a']),
          },
        ],
        suggestionDecisions: [{ op: 'add', id: 'k', to: 'rejected' }],
      }),
    ],
  ]

  it.each(cases)('%s', (_name, current, checkpoint, expected) => {
    const restore = planRestore(current, checkpoint)
    expect(restore).toEqual(expected)
    expect(applyPlanToContent(current, restore)).toEqual(checkpoint)
    expect(planSize(restore)).toBe(
      expected.records.length + expected.clusters.length + expected.suggestionDecisions.length,
    )
  })

  it('lists changes in id order, whatever order the maps hold them in', () => {
    const restore = planRestore(content({ 'shape:c': c, 'shape:a': a }), content({ 'shape:b': b }))
    expect(restore.records.map((change) => [change.op, change.id])).toEqual([
      ['delete', 'shape:a'],
      ['add', 'shape:b'],
      ['delete', 'shape:c'],
    ])
  })
})

function plan(parts: Partial<ContentPlan> = {}): ContentPlan {
  return { records: [], clusters: [], suggestionDecisions: [], ...parts }
}
