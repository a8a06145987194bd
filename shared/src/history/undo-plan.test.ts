import { describe, expect, it } from 'vitest'
import { richTextFromPlainText } from '../sync/rich-text-field.ts'
import { stickyRecord } from '../testing/board-records.ts'
import { type BoardContent, emptyBoardContent } from './board-content.ts'
import { applyPlanToContent } from './content-plan.ts'
import { planRestore } from './restore-plan.ts'
import { planUndo } from './undo-plan.ts'

const a = stickyRecord('shape:a', { text: 'Flaky tests', x: 0, y: 0 })
const b = stickyRecord('shape:b', { text: 'Slow approvals', kind: 'pain', x: 200, y: 0 })
const c = stickyRecord('shape:c', { text: 'New idea', x: 400, y: 0 })

type Sticky = typeof a
const moved = (s: Sticky, x: number, y: number): Sticky => ({ ...s, x, y })
const retext = (s: Sticky, text: string): Sticky => ({
  ...s,
  props: { ...s.props, richText: richTextFromPlainText(text) },
})
const recolour = (s: Sticky, color: string): Sticky => ({ ...s, props: { ...s.props, color } })
const withContext = (s: Sticky, context: string): Sticky => ({
  ...s,
  meta: { ...s.meta, stormline: { ...(s.meta.stormline as object), context } },
})
const cluster = (memberIds: string[], name = 'Waiting') => ({
  id: 'cluster:1',
  name,
  memberIds,
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'Ana',
  source: 'manual',
})

const board = (stickies: Sticky[], more: Partial<BoardContent> = {}): BoardContent => ({
  ...emptyBoardContent,
  records: Object.fromEntries(stickies.map((s) => [s.id, s])),
  ...more,
})

/** The board right after restoring `checkpoint` onto `before`, as the plan writes it. */
const afterRestore = (before: BoardContent, checkpoint: BoardContent): BoardContent =>
  applyPlanToContent(before, planRestore(before, checkpoint))

describe('planUndo', () => {
  // [story, before the restore, the restored checkpoint, edit after the restore, expected after undo]
  const cases: [
    string,
    BoardContent,
    BoardContent,
    (now: BoardContent) => BoardContent,
    BoardContent,
  ][] = [
    [
      'nobody changed anything since: the board is as before the restore',
      board([moved(a, 50, 50), c]),
      board([a, b]),
      (now) => now,
      board([moved(a, 50, 50), c]),
    ],
    [
      'someone edited a restored sticky after the restore: undo keeps their edit',
      board([moved(a, 50, 50)]),
      board([a]),
      (now) => board([retext(now.records['shape:a'] as Sticky, 'Flaky e2e tests')]),
      // The restore's move is undone; the text typed since stays.
      board([retext(moved(a, 50, 50), 'Flaky e2e tests')]),
    ],
    [
      'someone moved a restored sticky again: their position stays',
      board([moved(a, 50, 50)]),
      board([a]),
      () => board([moved(a, 10, 0)]),
      board([moved(a, 10, 0)]),
    ],
    [
      'a position is one choice: x and y go back together or not at all',
      board([moved(a, 50, 50)]),
      board([a]),
      () => board([moved(a, 0, 90)]),
      board([moved(a, 0, 90)]),
    ],
    [
      'props merge key by key: the colour goes back, a new text stays',
      board([recolour(a, 'red')]),
      board([a]),
      (now) => board([retext(now.records['shape:a'] as Sticky, 'Typed since')]),
      board([retext(recolour(a, 'red'), 'Typed since')]),
    ],
    [
      'meta.stormline merges key by key: context set since stays, the restored kind goes',
      board([
        {
          ...b,
          meta: { ...b.meta, stormline: { ...(b.meta.stormline as object), kind: 'question' } },
        },
      ]),
      board([b]),
      (now) => board([withContext(now.records['shape:b'] as Sticky, 'Ask ops')]),
      board([
        withContext(
          {
            ...b,
            meta: { ...b.meta, stormline: { ...(b.meta.stormline as object), kind: 'question' } },
          },
          'Ask ops',
        ),
      ]),
    ],
    [
      'a sticky the restore brought back and nobody touched goes again',
      board([a]),
      board([a, b]),
      (now) => now,
      board([a]),
    ],
    [
      'a sticky the restore brought back and someone edited stays',
      board([a]),
      board([a, b]),
      (now) => board([a, retext(now.records['shape:b'] as Sticky, 'Slow change approvals')]),
      board([a, retext(b, 'Slow change approvals')]),
    ],
    [
      'a sticky the restore removed comes back',
      board([a, c]),
      board([a]),
      (now) => now,
      board([a, c]),
    ],
    [
      'a restored sticky someone deleted since stays deleted',
      board([moved(a, 50, 50), c]),
      board([a, c]),
      () => board([c]),
      board([c]),
    ],
    [
      'stickies added after the restore are kept',
      board([a]),
      board([]),
      () => board([b]),
      board([a, b]),
    ],
    [
      'cluster members one by one: the restore’s are set back, one added since stays',
      board([], { clusters: { 'cluster:1': cluster(['shape:a', 'shape:b'], 'Renamed') } }),
      board([], { clusters: { 'cluster:1': cluster(['shape:a', 'shape:c']) } }),
      () => board([], { clusters: { 'cluster:1': cluster(['shape:a', 'shape:c', 'shape:d']) } }),
      board([], {
        clusters: { 'cluster:1': cluster(['shape:a', 'shape:d', 'shape:b'], 'Renamed') },
      }),
    ],
    [
      'a suggestion decision the restore put back goes again',
      board([], { suggestionDecisions: {} }),
      board([], { suggestionDecisions: { k: 'rejected' } }),
      (now) => now,
      board([], { suggestionDecisions: {} }),
    ],
  ]

  it.each(cases)('%s', (_story, before, checkpoint, editSince, expected) => {
    const now = editSince(afterRestore(before, checkpoint))
    const undone = applyPlanToContent(now, planUndo(before, checkpoint, now))
    expect(undone).toEqual(expected)
  })

  it('undoes nothing a second time: the board after an undo has nothing left to set back', () => {
    const before = board([moved(a, 50, 50), c])
    const checkpoint = board([a, b])
    const undone = applyPlanToContent(
      afterRestore(before, checkpoint),
      planUndo(before, checkpoint, afterRestore(before, checkpoint)),
    )
    const again = planUndo(before, checkpoint, undone)
    expect(applyPlanToContent(undone, again)).toEqual(undone)
  })

  // Peer swap: which board is "before" and which the checkpoint must not matter.
  const boards: [string, BoardContent][] = [
    ['empty', board([])],
    ['two stickies', board([a, b])],
    ['moved and retyped', board([moved(retext(a, 'x'), 9, 9), c])],
    ['clustered', board([a, b], { clusters: { 'cluster:1': cluster(['shape:a', 'shape:b']) } })],
  ]
  const pairs = boards.flatMap(([n1, x]) =>
    boards.map(([n2, y]) => [`${n1} ↔ ${n2}`, x, y] as const),
  )

  it.each(pairs)('restore then undo is the identity, both ways: %s', (_name, x, y) => {
    for (const [before, checkpoint] of [
      [x, y],
      [y, x],
    ] as const) {
      const restored = afterRestore(before, checkpoint)
      expect(restored).toEqual(checkpoint)
      expect(applyPlanToContent(restored, planUndo(before, checkpoint, restored))).toEqual(before)
    }
  })
})
