/**
 * Estimating how far this browser's clock is from the server's, from the HTTP `Date` header.
 *
 * The header has whole-second resolution, so one round trip only says: at some local instant
 * between sending and receiving, the server's clock read somewhere in [D, D + 1 s). That bounds
 * the offset (server − local) to an interval about a second wide. Every further sample bounds it
 * again, and the intersection narrows; timing a request so that the server-side second ticks
 * over at the middle of the current interval halves it each time (a binary search on the
 * offset), down to about the round-trip time.
 */

export interface ClockSample {
  /** Local epoch ms just before the request. */
  sentAt: number
  /** Local epoch ms when the response arrived. */
  receivedAt: number
  /** The response's `Date` header as epoch ms (a whole second). */
  serverDate: number
}

/** Offset = server clock − local clock, known to lie in [min, max]. */
export interface OffsetBounds {
  min: number
  max: number
}

/**
 * Node refreshes its cached `Date` string with a timer at each second boundary; a busy event loop
 * fires it a little late, so the header can lag real time by a few milliseconds past the second.
 */
export const dateHeaderSlackMs = 25

export function boundsFromSample({ sentAt, receivedAt, serverDate }: ClockSample): OffsetBounds {
  return { min: serverDate - receivedAt, max: serverDate + 1000 + dateHeaderSlackMs - sentAt }
}

/** null when the samples contradict each other (a clock was adjusted between them). */
export function intersectBounds(a: OffsetBounds, b: OffsetBounds): OffsetBounds | null {
  const min = Math.max(a.min, b.min)
  const max = Math.min(a.max, b.max)
  return min <= max ? { min, max } : null
}

/** Folds one more sample in; starts over from it when it contradicts what we knew. */
export function refineBounds(known: OffsetBounds | null, sample: ClockSample): OffsetBounds {
  const fresh = boundsFromSample(sample)
  if (known === null) return fresh
  return intersectBounds(known, fresh) ?? fresh
}

export function offsetEstimate(bounds: OffsetBounds): number {
  return Math.round((bounds.min + bounds.max) / 2)
}

export function serverTime(localNow: number, offset: number): number {
  return localNow + offset
}

/**
 * How long to wait before the next sample so the server's second ticks over half a round trip
 * after sending (i.e. when the request reaches it), if the offset were the middle of `bounds`.
 * Whichever side of the tick the server turns out to be on, half of the interval is ruled out.
 */
export function nextSampleDelay(
  bounds: OffsetBounds,
  localNow: number,
  roundTripMs: number,
): number {
  const mid = (bounds.min + bounds.max) / 2
  const halfTrip = roundTripMs / 2
  // Local instant at which the request should reach the server: server time there is k seconds.
  const earliestArrival = localNow + halfTrip
  const k = Math.ceil((earliestArrival + mid) / 1000)
  const arrival = k * 1000 - mid
  return Math.max(0, Math.round(arrival - halfTrip - localNow))
}

/**
 * The search cannot get tighter than about the round trip plus the header's slack (each sample
 * leaves that much doubt on its side of the tick); stop there — tens of milliseconds, far below
 * the second a countdown shows.
 */
export function isPreciseEnough(bounds: OffsetBounds, roundTripMs: number): boolean {
  return bounds.max - bounds.min <= 2 * (roundTripMs + dateHeaderSlackMs) + 20
}
