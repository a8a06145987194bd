export interface Point {
  x: number
  y: number
}

/**
 * `start`, moved diagonally by `step` until no point in `taken` sits within half a step of it.
 * Gives up after a screenful of steps: a crowded centre is still better than a far-off sticky.
 */
export function nudgedClear(start: Point, taken: readonly Point[], step: number): Point {
  const maxSteps = 20
  let candidate = start
  for (let i = 0; i < maxSteps; i++) {
    const clash = taken.some(
      (p) => Math.abs(p.x - candidate.x) < step / 2 && Math.abs(p.y - candidate.y) < step / 2,
    )
    if (!clash) return candidate
    candidate = { x: candidate.x + step, y: candidate.y + step }
  }
  return candidate
}
