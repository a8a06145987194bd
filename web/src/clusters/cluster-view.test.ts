import { describe, expect, it } from 'vitest'
import {
  labelStyle,
  layoutLabels,
  nameLines,
  newClusterId,
  outlineAround,
  type Rect,
  storedClusters,
  visibleClusters,
} from './cluster-view.ts'

const raw = (id: string, memberIds: unknown[]) => ({ id, name: id, memberIds, source: 'manual' })

describe('visibleClusters', () => {
  it('drops members that are not pain points, and clusters left without members', () => {
    const pain = new Set(['shape:a', 'shape:b'])
    const clusters = visibleClusters(
      {
        'cluster:1': raw('cluster:1', ['shape:a', 'shape:gone']),
        'cluster:2': raw('cluster:2', ['shape:gone']),
        bad: 'not a cluster',
      },
      (id) => pain.has(id),
    )
    expect(clusters.map((c) => [c.id, c.memberIds])).toEqual([['cluster:1', ['shape:a']]])
  })

  it('shows a sticky claimed twice in the first cluster by id only', () => {
    const clusters = visibleClusters(
      {
        'cluster:b': raw('cluster:b', ['shape:a', 'shape:c']),
        'cluster:a': raw('cluster:a', ['shape:a']),
      },
      () => true,
    )
    expect(clusters.map((c) => [c.id, c.memberIds])).toEqual([
      ['cluster:a', ['shape:a']],
      ['cluster:b', ['shape:c']],
    ])
  })
})

describe('storedClusters', () => {
  it('keeps readable records stored under their own id', () => {
    const stored = storedClusters({
      'cluster:1': raw('cluster:1', ['shape:a']),
      'cluster:2': raw('cluster:other', ['shape:b']),
      'cluster:3': { name: 'no id' },
    })
    expect(Object.keys(stored)).toEqual(['cluster:1'])
  })
})

describe('outlineAround', () => {
  it('pads the common box of the members', () => {
    expect(
      outlineAround(
        [
          { x: 0, y: 0, w: 200, h: 200 },
          { x: 300, y: 50, w: 200, h: 250 },
        ],
        30,
      ),
    ).toEqual({ x: -30, y: -30, w: 560, h: 360 })
    expect(outlineAround([], 30)).toBeNull()
  })
})

describe('newClusterId', () => {
  it('is a cluster id with a random part', () => {
    expect(newClusterId(() => '1234abcd-5678-90ef-1234-567890abcdef')).toBe(
      'cluster:1234abcd567890ef',
    )
  })
})

describe('nameLines', () => {
  // At font size 10 a glyph is 6.2 wide: 62 units hold 10 characters.
  it('wraps whole words onto lines, up to the maximum', () => {
    expect(nameLines('Short', 62, 10)).toBe(1)
    expect(nameLines('VM requests', 62, 10)).toBe(2)
    expect(nameLines('one two three four five six seven eight', 62, 10)).toBe(labelStyle.maxLines)
    expect(nameLines('', 62, 10)).toBe(1)
  })

  it('breaks a word longer than a line over as many lines as it needs', () => {
    expect(nameLines('abcdefghijklmno', 62, 10)).toBe(2)
    expect(nameLines('ab abcdefghijklmno', 62, 10)).toBe(3)
  })
})

describe('layoutLabels', () => {
  const font = 20
  const row = (id: string, x: number, y: number, w: number, name = id) => ({
    id,
    name,
    box: { x, y, w, h: 300 },
    withRow: false,
  })
  const intersect = (a: { box: Rect }, b: { box: Rect }) =>
    a.box.x < b.box.x + b.box.w &&
    b.box.x < a.box.x + a.box.w &&
    a.box.y < b.box.y + b.box.h &&
    b.box.y < a.box.y + a.box.h

  it('puts a label right above its outline, as wide as the outline', () => {
    const [slot] = layoutLabels([row('a', 100, 500, 600)], font)
    const h = (2 * labelStyle.paddingY + labelStyle.lineHeight) * font
    expect(slot).toEqual({
      id: 'a',
      lines: 1,
      box: { x: 100, y: 500 - labelStyle.gap * font - h, w: 600, h },
    })
  })

  it('gives a narrow outline a label wide enough to read, and a row for dots when voting', () => {
    const [slot] = layoutLabels([{ ...row('a', 0, 0, 50), withRow: true }], font)
    expect(slot?.box.w).toBe(labelStyle.minWidthEm * font)
    expect(slot?.box.h).toBeCloseTo(
      (2 * labelStyle.paddingY + labelStyle.lineHeight + labelStyle.rowHeight) * font,
    )
  })

  it('leaves side-by-side labels in place and stacks overlapping ones upwards', () => {
    const slots = layoutLabels(
      [
        row('left', 0, 500, 400),
        row('right', 420, 500, 400),
        // Overlaps both: its outline starts inside the left one.
        row('inner', 200, 520, 100, 'A cluster with a long name that wraps'),
      ],
      font,
    )
    const [left, right, inner] = slots
    expect(slots.map((s) => s.id)).toEqual(['left', 'right', 'inner'])
    // The lower outline (inner) keeps its label in place; the others move above it.
    expect((inner?.box.y ?? 0) + (inner?.box.h ?? 0)).toBe(520 - labelStyle.gap * font)
    expect(inner?.lines).toBeGreaterThan(1)
    for (const [a, b] of [
      [left, right],
      [left, inner],
      [right, inner],
    ] as const) {
      if (a === undefined || b === undefined) throw new Error('missing slot')
      expect(intersect(a, b)).toBe(false)
    }
  })

  it('moves a label right, along the row, when its outline leaves room for that', () => {
    // The wide label of "long" covers the start of "short"'s outline.
    const slots = layoutLabels([row('long', 0, 500, 300), row('short', 200, 500, 400)], font)
    const [long, short] = slots
    expect(long?.box.x).toBe(0)
    expect(short?.box.x).toBe(300 + labelStyle.gap * font)
    expect(short?.box.y).toBe(long?.box.y)
  })

  it('stacks labels of outlines drawn at the same spot', () => {
    const slots = layoutLabels([row('b', 0, 0, 300), row('a', 0, 0, 300)], font)
    expect(slots.map((s) => s.id)).toEqual(['b', 'a'])
    const [b, a] = slots
    if (a === undefined || b === undefined) throw new Error('missing slot')
    expect(intersect(a, b)).toBe(false)
    // Ties go by id: a keeps its place, b goes above.
    expect(b.box.y).toBeLessThan(a.box.y)
  })
})
