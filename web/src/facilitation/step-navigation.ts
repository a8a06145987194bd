import { clampStep, lastStep } from '@stormline/shared/board/session'

/** The step `delta` away from `step`, kept inside the workshop's six steps. */
export function stepBy(step: number, delta: number): number {
  return clampStep(clampStep(step) + delta)
}

export function canGoBack(step: number): boolean {
  return clampStep(step) > 1
}

export function canGoForward(step: number): boolean {
  return clampStep(step) < lastStep
}
