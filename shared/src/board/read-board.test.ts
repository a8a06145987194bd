import { describe, expect, it } from 'vitest'
import { readBoard } from './read-board.ts'
import { type StickyKind, stickyKindInfo } from './sticky-kinds.ts'
import { templateTimelineId } from './timeline.ts'

type Json = Record<string, unknown>

const page = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }

/** A timeline at (0, 0), 700 wide, with phases of weights 1, 2, 4 → x 0–100, 100–300, 300–700. */
function timeline(overrides: Json = {}, props: Json = {}): Json {
  return {
    id: templateTimelineId,
    typeName: 'shape',
    type: 'timeline',
    x: 0,
    y: 0,
    parentId: 'page:page',
    isLocked: false,
    props: {
      w: 700,
      h: 100,
      startLabel: 'Project start',
      endLabel: 'Live in production',
      phases: [
        { id: 'idea', name: 'Idea', weight: 1 },
        { id: 'build', name: 'Build', weight: 2 },
        { id: 'release', name: 'Release', weight: 4 },
      ],
      ...props,
    },
    meta: {},
    ...overrides,
  }
}

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({
    type: 'paragraph',
    content: text ? [{ type: 'text', text }] : [],
  })),
})

/** A default-size (200 × 200) note whose top-left corner is at (x, y). */
function note(
  id: string,
  x: number,
  y: number,
  kind: StickyKind | string | null,
  extra: Json = {},
): Json {
  const meta: Json =
    kind === null
      ? {}
      : {
          stormline: {
            kind,
            authorId: 'p-ada',
            authorName: 'Ada',
            createdAt: '2026-11-23T10:00:00.000Z',
            context: '',
            needsDeepDive: false,
            durationMinutes: null,
          },
        }
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    parentId: 'page:page',
    props: { color: 'orange', richText: doc(id), scale: 1, growY: 0 },
    meta,
    ...extra,
  }
}

function board(...records: Json[]) {
  return readBoard(Object.fromEntries([page, ...records].map((r) => [String(r.id), r])))
}

const sticky = (model: ReturnType<typeof readBoard>, id: string) =>
  model.stickies.find((s) => s.id === `shape:${id}`)

describe('readBoard: the timeline', () => {
  it('reads labels, lock state and phase spans in page coordinates', () => {
    const model = board(timeline({ x: 1000, y: 50, isLocked: true }))
    expect(model.timeline).toMatchObject({
      id: templateTimelineId,
      startLabel: 'Project start',
      endLabel: 'Live in production',
      isLocked: true,
      bounds: { x: 1000, y: 50, w: 700, h: 100 },
    })
    expect(model.timeline?.phases.map((p) => [p.id, p.startX, p.endX])).toEqual([
      ['idea', 1000, 1100],
      ['build', 1100, 1300],
      ['release', 1300, 1700],
    ])
  })

  it.each([
    ['no size', { w: 0 }],
    ['malformed phases', { phases: 'idea, build' }],
    ['a phase without a name', { phases: [{ id: 'x', weight: 1 }] }],
  ])('ignores a timeline with %s', (_name, props) => {
    const model = board(timeline({}, props))
    expect(model.timeline).toBeNull()
    expect(model.ignored.map((i) => i.id)).toEqual([templateTimelineId])
  })

  it('prefers the template timeline when there are several', () => {
    const model = board(timeline({ id: 'shape:aaa', x: 5000 }), timeline())
    expect(model.timeline?.id).toBe(templateTimelineId)
  })
})

describe('readBoard: phase assignment by the sticky centre', () => {
  it.each([
    ['inside the first phase', 50, 'idea'],
    ['exactly on a boundary: the later phase starts there', 100, 'build'],
    ['inside the second phase', 200, 'build'],
    ['straddling two phases, centre in the third', 350, 'release'],
    ['exactly at the end edge', 700, 'release'],
    ['before the start', -50, null],
    ['after the end', 750, null],
  ] as const)('%s (centre x %d)', (_name, centreX, phase) => {
    const model = board(timeline(), note('s', centreX - 100, 300, 'step'))
    expect(sticky(model, 's')?.phaseId).toBe(phase)
  })

  it('uses a phase of any height: stickies far above or below the bar still get its phase', () => {
    const model = board(
      timeline(),
      note('high', 150, -2000, 'step'),
      note('low', 150, 5000, 'pain'),
    )
    expect(sticky(model, 'high')?.phaseId).toBe('build')
    expect(sticky(model, 'low')?.phaseName).toBe('Build')
  })

  it('adds the offset of parent frames', () => {
    const frame = {
      id: 'shape:frame',
      typeName: 'shape',
      type: 'frame',
      x: 100,
      y: 0,
      parentId: 'page:page',
      props: {},
    }
    const model = board(
      timeline(),
      frame,
      note('framed', 0, 300, 'step', { parentId: 'shape:frame' }),
    )
    // Page x = 100, centre 200 → Build.
    expect(sticky(model, 'framed')?.phaseId).toBe('build')
  })

  it('gives no phase on a board without a timeline or on another page', () => {
    expect(sticky(board(note('s', 0, 0, 'step')), 's')?.phaseId).toBeNull()
    const other = board(timeline(), note('s', 0, 0, 'step', { parentId: 'page:two' }))
    expect(sticky(other, 's')?.phaseId).toBeNull()
  })
})

describe('readBoard: overlays are associated with the step they sit on or next to', () => {
  const steps = [note('step-a', 0, 300, 'step'), note('step-b', 600, 300, 'step')]

  it.each([
    ['a pain point on top of step A', note('o', 50, 350, 'pain'), 'step-a'],
    ['a system overlapping both, more of B', note('o', 350, 300, 'tech'), 'step-b'],
    ['a team just below step A (gap 50)', note('o', 0, 550, 'team'), 'step-a'],
    ['a time sticky between, nearer B', note('o', 380, 300, 'time'), 'step-b'],
    ['a question far from any step', note('o', 0, 1200, 'question'), null],
  ])('%s', (_name, overlay, expected) => {
    const model = board(timeline(), ...steps, overlay)
    expect(sticky(model, 'o')?.stepId).toBe(expected === null ? null : `shape:${expected}`)
  })

  it('never associates a step with another step', () => {
    const model = board(...steps, note('step-c', 50, 350, 'step'))
    expect(model.stickies.every((s) => s.stepId === null)).toBe(true)
  })

  it('breaks exact ties by id so every reader agrees', () => {
    const model = board(
      note('z', 0, 0, 'step'),
      note('a', 400, 0, 'step'),
      note('o', 200, 0, 'pain'),
    )
    expect(sticky(model, 'o')?.stepId).toBe('shape:a')
  })
})

describe('readBoard: sticky fields and odd input', () => {
  it('reads text, author, time and deep-dive details', () => {
    const details = note('t', 0, 0, 'time')
    ;(details.meta as { stormline: Json }).stormline = {
      ...(details.meta as { stormline: Json }).stormline,
      context: 'Ticket queue to the network team',
      needsDeepDive: true,
      durationMinutes: 2880,
    }
    ;(details.props as Json).richText = doc('Waiting for', 'firewall rules')
    const model = board(details)
    expect(sticky(model, 't')).toMatchObject({
      kind: 'time',
      text: 'Waiting for\nfirewall rules',
      authorId: 'p-ada',
      authorName: 'Ada',
      createdAt: '2026-11-23T10:00:00.000Z',
      context: 'Ticket queue to the network team',
      needsDeepDive: true,
      durationMinutes: 2880,
    })
  })

  it.each([
    [
      'a plain tldraw note in a kind colour',
      note('n', 0, 0, null, { props: { color: 'red', richText: doc('x') } }),
      'pain',
    ],
    [
      'a plain tldraw note in another colour',
      note('n', 0, 0, null, { props: { color: 'black', richText: doc('x') } }),
      'step',
    ],
  ])('infers the kind of %s', (_name, record, kind) => {
    expect(sticky(board(record), 'n')?.kind).toBe(kind)
  })

  it('keeps stickies with empty text', () => {
    const model = board(note('empty', 0, 0, 'pain', { props: { richText: doc('') } }))
    expect(sticky(model, 'empty')?.text).toBe('')
  })

  it('ignores, without crashing, what it cannot read', () => {
    const model = readBoard({
      'page:page': page,
      'shape:future': note('future', 0, 0, 'risk'),
      'shape:nowhere': note('nowhere', 0, 0, 'step', { parentId: 'shape:missing' }),
      'shape:nan': note('nan', Number.NaN, 0, 'step'),
      'shape:loop1': note('loop1', 0, 0, 'step', { parentId: 'shape:loop2' }),
      'shape:loop2': { ...note('loop2', 0, 0, 'step'), type: 'frame', parentId: 'shape:loop1' },
      junk: 42,
      nothing: null,
      'shape:ok': note('ok', 0, 0, 'step'),
    })
    expect(model.stickies.map((s) => s.id)).toEqual(['shape:ok'])
    expect(model.ignored.map((i) => i.reason)).toEqual(
      expect.arrayContaining([
        'unknown sticky kind "risk"',
        'note is not on a page',
        'not a record',
      ]),
    )
  })

  it('ignores non-note shapes and non-shape records silently', () => {
    const arrow = {
      id: 'shape:arrow',
      typeName: 'shape',
      type: 'arrow',
      x: 0,
      y: 0,
      parentId: 'page:page',
      props: {},
    }
    const model = board(arrow, { id: 'document:document', typeName: 'document', name: '' })
    expect(model.stickies).toEqual([])
    expect(model.ignored).toEqual([])
  })

  it('accepts an iterable of records as well as the map form', () => {
    const model = readBoard([page, note('s', 0, 0, 'step')])
    expect(model.stickies).toHaveLength(1)
  })
})

describe('readBoard: session', () => {
  it.each([
    [{}, 1, null],
    [
      { step: 3, timer: { durationMs: 300_000, remainingMs: 120_000, startedAt: 1000 } },
      3,
      { durationMs: 300_000, remainingMs: 120_000, startedAt: 1000 },
    ],
    [{ step: 99, timer: { durationMs: 'soon' } }, 6, null],
    [{ step: -4 }, 1, null],
  ])('reads %j', (session, step, timer) => {
    const model = readBoard({}, session)
    expect(model.session).toEqual({ step, timer, anonymous: false })
  })

  it.each([
    [true, true],
    ['true', false],
    [1, false],
    [undefined, false],
  ])('reads anonymous %j as %s', (value, anonymous) => {
    expect(readBoard({}, { anonymous: value }).session.anonymous).toBe(anonymous)
  })
})

describe('sticky kinds', () => {
  it('give every kind its own colour and shortcut', () => {
    const infos = Object.values(stickyKindInfo)
    expect(new Set(infos.map((i) => i.color)).size).toBe(infos.length)
    expect(new Set(infos.map((i) => i.shortcut)).size).toBe(infos.length)
  })
})
