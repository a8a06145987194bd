import { useSyncExternalStore } from 'react'
import {
  type ClockSample,
  isPreciseEnough,
  nextSampleDelay,
  type OffsetBounds,
  offsetEstimate,
  refineBounds,
  serverTime,
} from './server-clock-math.ts'

/**
 * The shared timer stores when it was started as an epoch time; participants whose laptop clocks
 * disagree would each see a different remaining time. Everyone reads time through `serverNow()`,
 * which corrects the local clock by the offset measured against the server's `Date` header.
 * Until the first measurement lands the offset is 0, i.e. the local clock.
 */

let offset = 0
const listeners = new Set<() => void>()
let measuring: Promise<void> | null = null

export function serverNow(): number {
  return serverTime(Date.now(), offset)
}

export function serverClockOffset(): number {
  return offset
}

function setOffset(next: number): void {
  if (next === offset) return
  offset = next
  for (const listener of listeners) listener()
}

/** Re-renders when the offset estimate changes, so a displayed countdown jumps to the truth. */
export function useServerClockOffset(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => offset,
  )
}

async function takeSample(url: string): Promise<ClockSample | null> {
  const sentAt = Date.now()
  const response = await fetch(url, { cache: 'no-store' })
  const receivedAt = Date.now()
  const header = response.headers.get('Date')
  const serverDate = header === null ? Number.NaN : Date.parse(header)
  return Number.isFinite(serverDate) ? { sentAt, receivedAt, serverDate } : null
}

const maxSamples = 10

/**
 * Measures once per page load (later calls share the first); refines in the background over a
 * few seconds, publishing each improved estimate. Failures leave the local clock in charge.
 */
export function measureServerClock(url = '/healthz'): Promise<void> {
  measuring ??= (async () => {
    let bounds: OffsetBounds | null = null
    let roundTrip = 0
    for (let i = 0; i < maxSamples; i++) {
      if (bounds !== null) {
        const wait = nextSampleDelay(bounds, Date.now(), roundTrip)
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
      const sample = await takeSample(url)
      if (sample === null) {
        if (bounds === null) console.warn('[stormline] no Date header; timers use the local clock')
        return
      }
      roundTrip = sample.receivedAt - sample.sentAt
      bounds = refineBounds(bounds, sample)
      setOffset(offsetEstimate(bounds))
      if (isPreciseEnough(bounds, roundTrip)) return
    }
  })().catch((error: unknown) => {
    // Forget the attempt so the next board opened (or a remount) tries again.
    measuring = null
    console.warn('[stormline] could not measure the server clock', error)
  })
  return measuring
}
