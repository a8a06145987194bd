/**
 * Average-linkage agglomeration of one component of linked pain points, for the cluster suggester
 * (suggest-clusters.ts). Groups merge while their average similarity is at least the threshold;
 * ties are broken by the groups' first members, so the result does not depend on input order.
 */

/**
 * Summed similarities between the groups of one component: a dense matrix while it fits in
 * memory (a full square, whose rows a scan reads in order, then a triangle of half the size),
 * otherwise a hash table of pairs. All give the same sums, bit for bit: every sum is the same
 * additions in the same order.
 */
export interface ComponentGraph {
  readonly size: number
  link(i: number, j: number, sim: number): void
  /** Summed similarity of groups g and h (0 when unlinked). */
  sum(g: number, h: number): number
  /**
   * The live neighbour of g first in merge order (see `averageLinkage`), or -1 when none reaches
   * the threshold. `groupSize` and `first` hold each group's size and first member.
   */
  nearest(g: number, groupSize: Int32Array, first: Int32Array, live: LiveGroups): number
  /**
   * Merges groups a and b: their sums to every other group add up. Returns the one that stays
   * (the other is empty afterwards).
   */
  fold(a: number, b: number, live: LiveGroups): number
}

/**
 * The groups that can still merge: neither merged away nor finished (a group whose best
 * neighbour is below the threshold never merges again, see `averageLinkage`). A flag per group,
 * and a list for scans kept in ascending order, so a scan walks a row of the matrix forwards;
 * removed groups leave the list at the next scan (`live()`).
 */
export class LiveGroups {
  readonly alive: Uint8Array
  private readonly list: Int32Array
  private count: number
  constructor(size: number) {
    this.list = Int32Array.from({ length: size }, (_v, i) => i)
    this.alive = new Uint8Array(size).fill(1)
    this.count = size
  }
  remove(g: number): void {
    this.alive[g] = 0
  }
  /** The live groups, ascending; the returned view is valid until the next call. */
  live(): Int32Array {
    const { list, alive } = this
    let kept = 0
    for (let k = 0; k < this.count; k++) {
      const h = list[k] ?? 0
      if (alive[h] === 1) list[kept++] = h
    }
    this.count = kept
    return list.subarray(0, kept)
  }
}

/**
 * Largest components kept as dense matrices of 8-byte sums: a full square up to 2,896 stickies
 * (64 MiB), a triangle up to 4,096 (64 MiB). The square reads a group's sums along one row, a
 * triangle partly down a column, which misses the cache: 2,500 linked pain points agglomerate in
 * ~0.25 s on a square, ~0.4 s on a triangle. Above the limits the sums go to a hash table, whose
 * lookups make each merge several times slower; a component that large needs thousands of pain
 * points that share words.
 */
export const squareLimit = 2896
export const denseLimit = 4096

/** Cells of the dense matrix for a component of `size` groups. */
export function denseCells(size: number): number {
  return size <= squareLimit ? size * size : (size * (size - 1)) / 2
}

/**
 * The graph for a component of `size` stickies and `links` linked pairs. A dense graph works in
 * `scratch` when it is large enough (one buffer reused across a call's components).
 */
export function componentGraph(
  size: number,
  links: number,
  threshold: number,
  scratch?: Float64Array,
): ComponentGraph {
  if (size <= squareLimit) return squareGraph(size, threshold, scratch)
  return size > denseLimit
    ? sparseGraph(size, links, threshold)
    : denseGraph(size, threshold, scratch)
}

/**
 * Whether a candidate (similarity `sim`, first members `lo` < `hi`) comes before the best one so
 * far in merge order: higher average similarity first, then the pair whose first members come
 * first (by id), so every pair has its own place in the order.
 */
function better(sim: number, lo: number, hi: number, best: Best): boolean {
  return (
    best.group === -1 ||
    sim > best.sim ||
    (sim === best.sim && (lo < best.lo || (lo === best.lo && hi < best.hi)))
  )
}

interface Best {
  group: number
  sim: number
  lo: number
  hi: number
}

function offer(
  best: Best,
  h: number,
  sum: number,
  sizeG: number,
  fg: number,
  sizeH: number,
  fh: number,
  threshold: number,
): void {
  const sim = sum / (sizeG * sizeH)
  // Most candidates lose on similarity alone; the full order is only needed for near-ties.
  if (sim < threshold || (best.group !== -1 && sim < best.sim)) return
  const lo = Math.min(fg, fh)
  const hi = Math.max(fg, fh)
  if (!better(sim, lo, hi, best)) return
  best.group = h
  best.sim = sim
  best.lo = lo
  best.hi = hi
}

/** Cell of pair (i, j), i ≠ j, in the triangle: row max(i, j) holds its smaller partners. */
function cell(i: number, j: number): number {
  return i < j ? (j * (j - 1)) / 2 + i : (i * (i - 1)) / 2 + j
}

/** `cells` zeroed sums: the front of `scratch` when it is large enough, else a new array. */
function clearedSums(cells: number, scratch: Float64Array | undefined): Float64Array {
  const sums = scratch && scratch.length >= cells ? scratch : new Float64Array(cells)
  sums.fill(0, 0, cells)
  return sums
}

/** Sums in a triangle of size·(size−1)/2 cells, in `scratch` when it is large enough. */
export function denseGraph(
  size: number,
  threshold: number,
  scratch?: Float64Array,
): ComponentGraph {
  const sums = clearedSums((size * (size - 1)) / 2, scratch)
  const best: Best = { group: -1, sim: 0, lo: 0, hi: 0 }
  return {
    size,
    link: (i, j, sim) => {
      sums[cell(i, j)] = sim
    },
    sum: (g, h) => sums[cell(g, h)] ?? 0,
    nearest: (g, groupSize, first, live) => {
      best.group = -1
      const sizeG = groupSize[g] ?? 1
      const fg = first[g] ?? g
      const list = live.live()
      // The list ascends: partners below g are read along g's row, those above one per row.
      const row = (g * (g - 1)) / 2
      let k = 0
      for (; k < list.length; k++) {
        const h = list[k] ?? 0
        if (h >= g) break
        const s = sums[row + h] ?? 0
        if (s !== 0) offer(best, h, s, sizeG, fg, groupSize[h] ?? 1, first[h] ?? h, threshold)
      }
      for (; k < list.length; k++) {
        const h = list[k] ?? 0
        if (h === g) continue
        const s = sums[(h * (h - 1)) / 2 + g] ?? 0
        if (s !== 0) offer(best, h, s, sizeG, fg, groupSize[h] ?? 1, first[h] ?? h, threshold)
      }
      return best.group
    },
    fold: (a, b, live) => {
      const keep = Math.min(a, b)
      const gone = Math.max(a, b)
      // Only live groups' sums are kept up to date: no one reads the others' again.
      const list = live.live()
      for (let k = 0; k < list.length; k++) {
        const c = list[k] ?? 0
        if (c === keep || c === gone) continue
        const at = cell(keep, c)
        sums[at] = (sums[at] ?? 0) + (sums[cell(gone, c)] ?? 0)
      }
      return keep
    },
  }
}

/** Sums in a square of size² cells (both halves kept), in `scratch` when it is large enough. */
export function squareGraph(
  size: number,
  threshold: number,
  scratch?: Float64Array,
): ComponentGraph {
  const sums = clearedSums(size * size, scratch)
  const best: Best = { group: -1, sim: 0, lo: 0, hi: 0 }
  return {
    size,
    link: (i, j, sim) => {
      sums[i * size + j] = sim
      sums[j * size + i] = sim
    },
    sum: (g, h) => sums[g * size + h] ?? 0,
    nearest: (g, groupSize, first, live) => {
      best.group = -1
      const sizeG = groupSize[g] ?? 1
      const fg = first[g] ?? g
      const list = live.live()
      const row = g * size
      for (let k = 0; k < list.length; k++) {
        const h = list[k] ?? 0
        const s = sums[row + h] ?? 0
        if (s !== 0 && h !== g)
          offer(best, h, s, sizeG, fg, groupSize[h] ?? 1, first[h] ?? h, threshold)
      }
      return best.group
    },
    fold: (a, b, live) => {
      const keep = Math.min(a, b)
      const gone = Math.max(a, b)
      const k0 = keep * size
      const x0 = gone * size
      const list = live.live()
      for (let k = 0; k < list.length; k++) {
        const c = list[k] ?? 0
        if (c === keep || c === gone) continue
        const total = (sums[k0 + c] ?? 0) + (sums[x0 + c] ?? 0)
        sums[k0 + c] = total
        sums[c * size + keep] = total
      }
      return keep
    },
  }
}

/**
 * Summed similarity per pair of groups in one open-addressing table (typed arrays, linear probing,
 * never deletes: pairs with a merged-away group simply stop being read). Cheaper than a map per
 * group, whose updates and garbage dominated large components.
 */
class PairSums {
  private lo: Int32Array
  private hi: Int32Array
  private values: Float64Array
  private mask: number
  private count = 0
  constructor(expected: number) {
    let capacity = 16
    while (capacity < expected * 2) capacity *= 2
    this.lo = new Int32Array(capacity).fill(-1)
    this.hi = new Int32Array(capacity)
    this.values = new Float64Array(capacity)
    this.mask = capacity - 1
  }
  private slot(a: number, b: number): number {
    // Mixed so that the low bits used as the slot depend on all bits of both indices.
    let h = (Math.imul(a, 0x9e3779b1) + b) | 0
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
    let at = (h ^ (h >>> 13)) & this.mask
    while (this.lo[at] !== -1 && (this.lo[at] !== a || this.hi[at] !== b)) at = (at + 1) & this.mask
    return at
  }
  get(g: number, h: number): number {
    const at = this.slot(Math.min(g, h), Math.max(g, h))
    return this.lo[at] === -1 ? 0 : (this.values[at] ?? 0)
  }
  /** Sets the pair's sum; true when the pair was new. */
  set(g: number, h: number, value: number): boolean {
    const a = Math.min(g, h)
    const b = Math.max(g, h)
    const at = this.slot(a, b)
    this.values[at] = value
    if (this.lo[at] !== -1) return false
    this.lo[at] = a
    this.hi[at] = b
    if (++this.count * 2 > this.mask) this.grow()
    return true
  }
  private grow(): void {
    const { lo, hi, values } = this
    this.lo = new Int32Array(lo.length * 2).fill(-1)
    this.hi = new Int32Array(lo.length * 2)
    this.values = new Float64Array(lo.length * 2)
    this.mask = lo.length * 2 - 1
    for (let k = 0; k < lo.length; k++) {
      const a = lo[k] ?? -1
      if (a === -1) continue
      const b = hi[k] ?? 0
      const at = this.slot(a, b)
      this.lo[at] = a
      this.hi[at] = b
      this.values[at] = values[k] ?? 0
    }
  }
}

/** Sums in a hash table sized for `links` linked pairs, each group's neighbours in a list. */
export function sparseGraph(size: number, links: number, threshold: number): ComponentGraph {
  const sums = new PairSums(links)
  // Each group's neighbours, in the order they were linked; merged-away ones stay listed.
  const rows: number[][] = Array.from({ length: size }, () => [])
  const rowOf = (g: number): number[] => rows[g] ?? []
  const best: Best = { group: -1, sim: 0, lo: 0, hi: 0 }
  return {
    size,
    link: (i, j, sim) => {
      if (sums.set(i, j, sim)) {
        rowOf(i).push(j)
        rowOf(j).push(i)
      }
    },
    sum: (g, h) => sums.get(g, h),
    nearest: (g, groupSize, first, live) => {
      best.group = -1
      const sizeG = groupSize[g] ?? 1
      const fg = first[g] ?? g
      for (const h of rowOf(g)) {
        if (live.alive[h] === 1)
          offer(best, h, sums.get(g, h), sizeG, fg, groupSize[h] ?? 1, first[h] ?? h, threshold)
      }
      return best.group
    },
    fold: (a, b, live) => {
      // The group with more neighbours absorbs the other, so each merge costs the smaller row.
      const larger =
        rowOf(a).length > rowOf(b).length || (rowOf(a).length === rowOf(b).length && a < b)
      const keep = larger ? a : b
      const gone = larger ? b : a
      for (const c of rowOf(gone)) {
        if (c === keep || live.alive[c] !== 1) continue
        if (sums.set(keep, c, sums.get(keep, c) + sums.get(gone, c))) {
          rowOf(keep).push(c)
          rowOf(c).push(keep)
        }
      }
      rows[gone] = []
      return keep
    },
  }
}

/**
 * Merges the groups of one component with the highest average similarity (ties: by the groups'
 * first members, i.e. by id) while it is at least the graph's threshold.
 *
 * The merges are found with the nearest-neighbour chain, which needs no priority queue: follow
 * each group's best neighbour until two groups are each other's best, and merge those. Average
 * linkage is reducible (a merged group is never more similar to a third group than the closer of
 * its parts was), and pairs are totally ordered by (similarity, first members), so this makes
 * the same merges as taking the best pair first, and a group whose best neighbour is below the
 * threshold can never merge again.
 */
export function averageLinkage(graph: ComponentGraph): { members: number[]; inner: number }[] {
  const count = graph.size
  const members: number[][] = Array.from({ length: count }, (_v, i) => [i])
  const inner = new Float64Array(count)
  // Local indices follow id order, so a group's first member is its smallest index.
  const first = Int32Array.from(members, (_m, i) => i)
  // Not merged away (finished groups included: they are the result too).
  const alive = new Uint8Array(count).fill(1)
  const live = new LiveGroups(count)
  const groupSize = new Int32Array(count).fill(1)
  const merge = (a: number, b: number): number => {
    const innerSum = (inner[a] ?? 0) + (inner[b] ?? 0) + graph.sum(a, b)
    const keep = graph.fold(a, b, live)
    const gone = keep === a ? b : a
    inner[keep] = innerSum
    alive[gone] = 0
    live.remove(gone)
    // Members are sorted at the end; append the smaller list to the larger.
    const ma = members[a] ?? []
    const mb = members[b] ?? []
    const big = ma.length >= mb.length ? ma : mb
    const small = big === ma ? mb : ma
    for (let k = 0; k < small.length; k++) big.push(small[k] ?? 0)
    members[keep] = big
    members[gone] = []
    groupSize[keep] = big.length
    groupSize[gone] = 0
    first[keep] = Math.min(first[a] ?? a, first[b] ?? b)
    return keep
  }
  // Groups still to start a chain from: every sticky, and each group a merge creates.
  const pending: number[] = []
  for (let i = count - 1; i >= 0; i--) pending.push(i)
  const chain: number[] = []
  for (;;) {
    if (chain.length === 0) {
      let start = pending.pop()
      while (start !== undefined && live.alive[start] !== 1) start = pending.pop()
      if (start === undefined) break
      chain.push(start)
    }
    const top = chain[chain.length - 1] ?? 0
    const next = graph.nearest(top, groupSize, first, live)
    if (next === -1) {
      live.remove(top)
      chain.pop()
    } else if (chain.length >= 2 && chain[chain.length - 2] === next) {
      chain.length -= 2
      pending.push(merge(top, next))
    } else {
      chain.push(next)
    }
  }
  const groups: { members: number[]; inner: number }[] = []
  for (let g = 0; g < count; g++) {
    if (alive[g] === 1) groups.push({ members: members[g] ?? [], inner: inner[g] ?? 0 })
  }
  return groups
}
