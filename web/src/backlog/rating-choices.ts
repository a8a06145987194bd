import { type EffortSize, effortSizes } from '@stormline/shared/backlog/assessment'

/**
 * The choices of the value and effort pickers. Both are stored as 1–5; effort can also be picked
 * as a T-shirt size, which is stored as its number (S/M/L/XL = 1/2/3/5), so one scale ranks all.
 */

export const scaleChoices: readonly number[] = [1, 2, 3, 4, 5]

export const sizeChoices: readonly { size: EffortSize; points: number }[] = (
  Object.entries(effortSizes) as [EffortSize, number][]
).map(([size, points]) => ({ size, points }))

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
  const size = sizeChoices.find((s) => s.points === effort)?.size
  return size ? `${formatRating(effort)} (${size})` : formatRating(effort)
}

/** Medians can be halves; they show with one decimal, whole numbers without. */
export function formatRating(rating: number | null): string {
  if (rating === null) return '–'
  return Number.isInteger(rating) ? String(rating) : rating.toFixed(1)
}
