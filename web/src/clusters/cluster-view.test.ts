import { describe, expect, it } from 'vitest'
import { newClusterId, outlineAround, storedClusters, visibleClusters } from './cluster-view.ts'

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
