/**
 * The camera that shows a target box in the part of the viewport our panels leave uncovered.
 * tldraw's zoomToBounds centres on the whole viewport, which would put the target under the open
 * drawer or the facilitation panel.
 */

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface FocusOptions {
  /** Screen pixels covered at the viewport's left edge (the facilitation panel). */
  coveredLeft: number
  /** Screen pixels covered at the viewport's right edge (the open drawer). */
  coveredRight: number
  /** Screen pixels kept free around the target. */
  inset: number
  minZoom: number
  maxZoom: number
}

/** tldraw's camera convention: screen = (page + camera) × z. */
export function focusCamera(
  target: Rect,
  viewport: { w: number; h: number },
  options: FocusOptions,
): { x: number; y: number; z: number } {
  const visibleW = Math.max(1, viewport.w - options.coveredLeft - options.coveredRight)
  const fit = Math.min(
    (visibleW - 2 * options.inset) / Math.max(1, target.w),
    (viewport.h - 2 * options.inset) / Math.max(1, target.h),
  )
  const z = Math.min(options.maxZoom, Math.max(options.minZoom, fit))
  const centreX = target.x + target.w / 2
  const centreY = target.y + target.h / 2
  const screenX = options.coveredLeft + visibleW / 2
  return { x: screenX / z - centreX, y: viewport.h / 2 / z - centreY, z }
}
