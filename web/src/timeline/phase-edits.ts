import { minPhaseWeight, type TimelinePhase } from '@stormline/shared/board/timeline'

/**
 * The facilitator's edits to a timeline's phase list, as pure functions returning a new list.
 * Out-of-range indexes leave the list as it is: the panel may act on a list a peer has just
 * shortened.
 */

/** Weights are relative; a cap keeps a typo (1000 for 10) from squashing every other phase. */
export const maxPhaseWeight = 20

export function renamePhase(phases: readonly TimelinePhase[], index: number, name: string) {
  return phases.map((phase, i) => (i === index ? { ...phase, name } : phase))
}

export function addPhase(
  phases: readonly TimelinePhase[],
  phase: Pick<TimelinePhase, 'id' | 'name'> & Partial<Pick<TimelinePhase, 'weight'>>,
): TimelinePhase[] {
  return [...phases, { weight: 1, ...phase }]
}

/** Removes a phase, except the last one left: a timeline always has at least one phase. */
export function removePhase(phases: readonly TimelinePhase[], index: number): TimelinePhase[] {
  if (phases.length <= 1 || index < 0 || index >= phases.length) return [...phases]
  return phases.filter((_, i) => i !== index)
}

/** Moves a phase by `offset` places (-1 = earlier, +1 = later), stopping at either end. */
export function movePhase(
  phases: readonly TimelinePhase[],
  index: number,
  offset: number,
): TimelinePhase[] {
  const moved = phases[index]
  const target = Math.min(Math.max(index + offset, 0), phases.length - 1)
  if (moved === undefined || target === index) return [...phases]
  const rest = phases.filter((_, i) => i !== index)
  rest.splice(target, 0, moved)
  return rest
}

export function clampPhaseWeight(weight: number): number {
  if (!Number.isFinite(weight)) return 1
  return Math.min(Math.max(weight, minPhaseWeight), maxPhaseWeight)
}

export function setPhaseWeight(
  phases: readonly TimelinePhase[],
  index: number,
  weight: number,
): TimelinePhase[] {
  return phases.map((phase, i) =>
    i === index ? { ...phase, weight: clampPhaseWeight(weight) } : phase,
  )
}

/**
 * The timeline width after appending a phase of `weight`, so the phases already there keep
 * their width on the board, and the stickies placed along them stay in the phase they were in.
 */
export function widthWithAddedPhase(
  width: number,
  phases: readonly TimelinePhase[],
  weight = 1,
): number {
  // The same reading of weights as phaseSpans, so the existing spans come out unchanged.
  const effective = (w: number) => (Number.isFinite(w) && w > 0 ? w : minPhaseWeight)
  const total = phases.reduce((sum, phase) => sum + effective(phase.weight), 0)
  return total > 0 ? width + (width * effective(weight)) / total : width
}

/** A fresh phase id; template phases have derived ids, added ones only need to be unique. */
export function newPhaseId(random: () => string = () => crypto.randomUUID()): string {
  return `phase-${random().slice(0, 8)}`
}
