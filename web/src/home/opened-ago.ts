/**
 * "Opened 5 minutes ago": when this browser last opened a board, in words; "Last edited …" when
 * the server says when the board last changed (its last activity, whoever made it).
 */

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 60 * 60_000],
  ['month', 30 * 24 * 60 * 60_000],
  ['week', 7 * 24 * 60 * 60_000],
  ['day', 24 * 60 * 60_000],
  ['hour', 60 * 60_000],
  ['minute', 60_000],
]

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

export function openedAgo(openedAt: number, now: number): string {
  return `Opened ${timeAgo(openedAt, now)}`
}

export function editedAgo(editedAt: number, now: number): string {
  return `Last edited ${timeAgo(editedAt, now)}`
}

/**
 * "5 minutes ago", "yesterday", "just now": how long ago `then` was, in the largest whole unit.
 * Shared by the board list and the board's history.
 */
export function timeAgo(then: number, now: number): string {
  const elapsed = now - then
  // Under a minute, or a clock that went back since: "just now" says enough.
  if (elapsed < 60_000) return 'just now'
  for (const [unit, size] of units) {
    if (elapsed >= size) return relative.format(-Math.floor(elapsed / size), unit)
  }
  return 'just now'
}
