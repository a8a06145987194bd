import { describe, expect, it } from 'vitest'
import { seededRandom } from '../testing/seeded-random.ts'
import {
  averageLinkage,
  type ComponentGraph,
  denseGraph,
  sparseGraph,
  squareGraph,
} from './average-linkage.ts'

const threshold = 0.3

interface Link {
  i: number
  j: number
  sim: number
}

/**
 * Random links. Similarities are multiples of 1/8, so every sum is exact in any order and the
 * brute force below sees the same ties as the incremental sums; a coarse grid makes ties common.
 */
function randomLinks(size: number, density: number, next: () => number): Link[] {
  const links: Link[] = []
  for (let j = 1; j < size; j++) {
    for (let i = 0; i < j; i++) {
      if (next() < density) links.push({ i, j, sim: Math.ceil(next() * 8) / 8 })
    }
  }
  return links
}

function build(graph: ComponentGraph, links: Link[]): ComponentGraph {
  for (const { i, j, sim } of links) graph.link(i, j, sim)
  return graph
}

function normalised(groups: { members: number[]; inner: number }[]): string[] {
  return groups.map((g) => `${[...g.members].sort((a, b) => a - b).join(',')}:${g.inner}`).sort()
}

/**
 * The definition, by brute force: repeatedly merge the pair of groups with the highest average
 * similarity (ties: the pair whose first members come first) while it reaches the threshold.
 */
function bestPairFirst(size: number, links: Link[]): { members: number[]; inner: number }[] {
  const sim = new Map<string, number>()
  for (const { i, j, sim: s } of links) sim.set(`${i},${j}`, s)
  let groups = Array.from({ length: size }, (_v, i) => ({ members: [i], inner: 0 }))
  const between = (a: number[], b: number[]): number => {
    let sum = 0
    for (const x of a) for (const y of b) sum += sim.get(x < y ? `${x},${y}` : `${y},${x}`) ?? 0
    return sum
  }
  for (;;) {
    let best: { a: number; b: number; avg: number; lo: number; hi: number } | null = null
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const ga = groups[a]
        const gb = groups[b]
        if (!ga || !gb) continue
        const avg = between(ga.members, gb.members) / (ga.members.length * gb.members.length)
        if (avg < threshold) continue
        const fa = Math.min(...ga.members)
        const fb = Math.min(...gb.members)
        const lo = Math.min(fa, fb)
        const hi = Math.max(fa, fb)
        if (
          !best ||
          avg > best.avg ||
          (avg === best.avg && (lo < best.lo || (lo === best.lo && hi < best.hi)))
        )
          best = { a, b, avg, lo, hi }
      }
    }
    if (!best) return groups
    const ga = groups[best.a]
    const gb = groups[best.b]
    if (!ga || !gb) return groups
    const merged = {
      members: [...ga.members, ...gb.members],
      inner: ga.inner + gb.inner + between(ga.members, gb.members),
    }
    groups = groups.filter((_g, k) => k !== best.a && k !== best.b).concat([merged])
  }
}

describe('averageLinkage', () => {
  it('makes the same groups as merging the best pair first, on every layout of the sums', () => {
    const next = seededRandom(7)
    for (let round = 0; round < 60; round++) {
      const size = 2 + Math.floor(next() * 24)
      const links = randomLinks(size, 0.15 + next() * 0.7, next)
      const expected = bestPairFirst(size, links).map((g) => [...g.members].sort((a, b) => a - b))
      const dense = averageLinkage(build(denseGraph(size, threshold), links))
      const sparse = averageLinkage(build(sparseGraph(size, links.length, threshold), links))
      const square = averageLinkage(build(squareGraph(size, threshold), links))
      const members = (groups: { members: number[] }[]): string[] =>
        groups.map((g) => [...g.members].sort((a, b) => a - b).join(',')).sort()
      expect(members(dense)).toEqual(members(expected.map((m) => ({ members: m }))))
      // Dense and sparse add the same sums in the same order: identical to the last bit.
      expect(normalised(sparse)).toEqual(normalised(dense))
      expect(normalised(square)).toEqual(normalised(dense))
    }
  })

  it.each([
    ['square', squareGraph],
    ['triangle', denseGraph],
  ])('reuses a %s scratch buffer left dirty by an earlier component', (_name, graphOf) => {
    const next = seededRandom(11)
    const scratch = new Float64Array(2048)
    const first = randomLinks(40, 0.5, next)
    averageLinkage(build(graphOf(40, threshold, scratch), first))
    const second = randomLinks(30, 0.3, next)
    expect(normalised(averageLinkage(build(graphOf(30, threshold, scratch), second)))).toEqual(
      normalised(averageLinkage(build(graphOf(30, threshold), second))),
    )
  })

  it('leaves a sticky with no link at or above the threshold on its own', () => {
    const graph = build(denseGraph(3, threshold), [
      { i: 0, j: 1, sim: 0.875 },
      { i: 1, j: 2, sim: 0.125 },
    ])
    expect(normalised(averageLinkage(graph))).toEqual(['0,1:0.875', '2:0'])
  })
})
