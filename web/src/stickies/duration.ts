/**
 * Reads the duration field: blank clears it (null), a non-negative number of minutes sets it,
 * anything else (a half-typed "1e", a negative) is not a value yet (undefined) and is not saved.
 */
export function parseDuration(text: string): number | null | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed.replace(',', '.'))
  return Number.isFinite(value) && value >= 0 ? value : undefined
}

export function formatDuration(minutes: number | null): string {
  return minutes === null ? '' : String(minutes)
}
