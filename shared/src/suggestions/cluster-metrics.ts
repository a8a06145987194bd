/**
 * How close suggested groups are to the true themes of a labelled board (the suggestion-quality
 * section of the bench). Pure functions over labels: `truth[i]` is pain point i's theme (a
 * pain point in no theme has a label of its own), `groups` are lists of pain point indices;
 * a pain point in no group counts as a group of its own.
 */

const choose2 = (n: number): number => (n * (n - 1)) / 2

/** Each index's group number, with a group of its own for indices in no group. */
export function partitionOf(count: number, groups: readonly (readonly number[])[]): number[] {
  const labels = new Array<number>(count).fill(-1)
  groups.forEach((group, g) => {
    for (const i of group) labels[i] = g
  })
  let next = groups.length
  return labels.map((label) => (label === -1 ? next++ : label))
}

/**
 * Adjusted Rand index (Hubert and Arabie, 1985) of two labellings of the same items: 1 for the
 * same partition, about 0 for one no better than chance (it can be negative). Defined as 1 when
 * both are trivial in the same way (every item alone, or all together), as scikit-learn does.
 */
export function adjustedRandIndex(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  if (a.length !== b.length) throw new Error('adjustedRandIndex: labellings of different lengths')
  const n = a.length
  const cells = new Map<string, number>()
  const rows = new Map<string | number, number>()
  const cols = new Map<string | number, number>()
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    const key = JSON.stringify([x, y])
    cells.set(key, (cells.get(key) ?? 0) + 1)
    rows.set(x, (rows.get(x) ?? 0) + 1)
    cols.set(y, (cols.get(y) ?? 0) + 1)
  }
  let index = 0
  for (const count of cells.values()) index += choose2(count)
  let sumRows = 0
  for (const count of rows.values()) sumRows += choose2(count)
  let sumCols = 0
  for (const count of cols.values()) sumCols += choose2(count)
  const total = choose2(n)
  const expected = total === 0 ? 0 : (sumRows * sumCols) / total
  const max = (sumRows + sumCols) / 2
  if (max === expected) return 1
  return (index - expected) / (max - expected)
}

/**
 * Share of the pain points in groups whose most common theme is theirs, over the pain points
 * placed in a group; null when no group was suggested.
 */
export function purity(
  truth: readonly (string | number)[],
  groups: readonly (readonly number[])[],
): number | null {
  let placed = 0
  let right = 0
  for (const group of groups) {
    const counts = new Map<string | number, number>()
    for (const i of group) {
      const label = truth[i] as string | number
      counts.set(label, (counts.get(label) ?? 0) + 1)
    }
    placed += group.length
    right += Math.max(0, ...counts.values())
  }
  return placed === 0 ? null : right / placed
}

/** Share of the pain points placed in a suggested group. */
export function coverage(count: number, groups: readonly (readonly number[])[]): number {
  if (count === 0) return 0
  return new Set(groups.flat()).size / count
}
