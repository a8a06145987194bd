import { type Box, gap, overlapArea } from './geometry.ts'

export interface Placed {
  id: string
  pageId: string
  bounds: Box
}

/**
 * How far (page units, edge to edge) an overlay may sit from a step and still
 * count as "next to" it: half a default sticky, so an overlay tucked under or
 * beside a step belongs to it, while one in open space belongs to none.
 */
export const nextToDistance = 100

/**
 * The step an overlay sticky belongs to: the step it overlaps most, otherwise
 * the nearest step within `nextToDistance`, otherwise none. Ties go to the
 * smaller id so every client and the server agree.
 */
export function associatedStep(overlay: Placed, steps: readonly Placed[]): string | null {
  let best: { id: string; overlap: number; gap: number } | null = null
  for (const step of steps) {
    if (step.pageId !== overlay.pageId || step.id === overlay.id) continue
    const overlap = overlapArea(overlay.bounds, step.bounds)
    const distance = overlap > 0 ? 0 : gap(overlay.bounds, step.bounds)
    if (overlap === 0 && distance > nextToDistance) continue
    const better =
      best === null ||
      overlap > best.overlap ||
      (overlap === best.overlap && distance < best.gap) ||
      (overlap === best.overlap && distance === best.gap && step.id < best.id)
    if (better) best = { id: step.id, overlap, gap: distance }
  }
  return best?.id ?? null
}
