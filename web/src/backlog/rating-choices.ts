import { type EffortSize, effortSizeOf, effortSizes } from '@stormline/shared/backlog/assessment'

/**
 * The choices of the value and effort pickers. Both are stored as 1–5; effort is picked as a
 * T-shirt size, which is stored as its number (S/M/L/XL = 1/2/3/5), so one scale ranks all.
 */

export const scaleChoices: readonly number[] = [1, 2, 3, 4, 5]

export const sizeChoices: readonly { size: EffortSize; points: number }[] = (
  Object.entries(effortSizes) as [EffortSize, number][]
).map(([size, points]) => ({ size, points }))

export interface RatingChoice {
  /** The option's value: the stored number, as ratingChoiceValue writes it. */
  value: string
  label: string
  /** What the choice counts as in the score. */
  hint: string
}

/**
 * The effort picker's options: each size once, valued as the number it is stored as, so the
 * select shows a stored effort as its size. A stored effort no size stands for (a 4) is offered
 * too while it is the current one, so the picker shows what is stored instead of a blank.
 */
export function effortChoices(current: number | null): RatingChoice[] {
  const sizes = sizeChoices.map(({ size, points }) => ({
    value: String(points),
    label: size,
    hint: `${size} counts as ${points} in the score`,
  }))
  if (current === null || effortSizeOf(current) !== null || !scaleChoices.includes(current)) {
    return sizes
  }
  const kept = {
    value: String(current),
    label: `${current} (no size)`,
    hint: `Counts as ${current} in the score; pick a size to replace it`,
  }
  const below = sizes.filter((s) => Number(s.value) < current)
  const above = sizes.filter((s) => Number(s.value) > current)
  return [...below, kept, ...above]
}

/** The effort picker's tooltip: the sizes and what each counts as. */
export const effortScaleHint = `Effort size: ${sizeChoices
  .map(({ size, points }) => `${size} = ${points}`)
  .join(', ')} in the score`

/** A picker's raw value: '' (not set), '1'–'5', or a size name. Anything else is not set. */
export function parseRatingChoice(raw: string): number | null {
  if (Object.hasOwn(effortSizes, raw)) return effortSizes[raw as EffortSize]
  const n = Number(raw)
  return raw !== '' && scaleChoices.includes(n) ? n : null
}

/** A picker's raw value for a stored rating. */
export function ratingChoiceValue(rating: number | null): string {
  return rating === null ? '' : String(rating)
}

/** An effort as people say it: "2 (M)"; points without a size stay bare ("4"). */
export function effortLabel(effort: number | null): string {
  if (effort === null) return '–'
  const size = effortSizeOf(effort)
  return size ? `${formatRating(effort)} (${size})` : formatRating(effort)
}

/** Medians can be halves; they show with one decimal, whole numbers without. */
export function formatRating(rating: number | null): string {
  if (rating === null) return '–'
  return Number.isInteger(rating) ? String(rating) : rating.toFixed(1)
}
