import { describe, expect, it } from 'vitest'
import {
  boundsFromSample,
  type ClockSample,
  dateHeaderSlackMs,
  intersectBounds,
  isPreciseEnough,
  nextSampleDelay,
  type OffsetBounds,
  offsetEstimate,
  refineBounds,
  serverTime,
} from './server-clock-math.ts'

/** A simulated server whose clock is `offset` ahead of ours and answers after `halfTrip` ms. */
function sampleAt(sentAt: number, offset: number, halfTrip: number): ClockSample {
  const serverNow = sentAt + halfTrip + offset
  return {
    sentAt,
    receivedAt: sentAt + 2 * halfTrip,
    serverDate: Math.floor(serverNow / 1000) * 1000,
  }
}

function contains(bounds: OffsetBounds, offset: number): boolean {
  return bounds.min <= offset && offset <= bounds.max
}

describe('offset bounds from one Date header', () => {
  it('brackets the true offset within about a second', () => {
    const sample = sampleAt(1_700_000_000_250, 12_345, 20)
    const bounds = boundsFromSample(sample)
    expect(contains(bounds, 12_345)).toBe(true)
    expect(bounds.max - bounds.min).toBe(1000 + dateHeaderSlackMs + 40)
  })

  it('intersects, and reports contradictions as null', () => {
    expect(intersectBounds({ min: 0, max: 100 }, { min: 50, max: 200 })).toEqual({
      min: 50,
      max: 100,
    })
    expect(intersectBounds({ min: 0, max: 10 }, { min: 20, max: 30 })).toBeNull()
  })

  it('starts over from the new sample when the old bounds contradict it', () => {
    const sample = sampleAt(5_000, 0, 5)
    expect(refineBounds({ min: 90_000, max: 91_000 }, sample)).toEqual(boundsFromSample(sample))
  })
})

describe('binary search on the offset', () => {
  for (const offset of [0, 731, -1_234, 59_999, -3_600_017, 420]) {
    it(`converges to within the round trip for offset ${offset}`, () => {
      const halfTrip = 6
      let now = 1_700_000_000_123
      let bounds = refineBounds(null, sampleAt(now, offset, halfTrip))
      now += 2 * halfTrip
      let samples = 1
      while (!isPreciseEnough(bounds, 2 * halfTrip) && samples < 12) {
        now += nextSampleDelay(bounds, now, 2 * halfTrip)
        bounds = refineBounds(bounds, sampleAt(now, offset, halfTrip))
        now += 2 * halfTrip
        samples += 1
        expect(contains(bounds, offset)).toBe(true)
      }
      expect(isPreciseEnough(bounds, 2 * halfTrip)).toBe(true)
      expect(samples).toBeLessThanOrEqual(10)
      expect(Math.abs(offsetEstimate(bounds) - offset)).toBeLessThanOrEqual(50)
    })
  }

  it('never asks to wait more than a second', () => {
    const delay = nextSampleDelay({ min: -500, max: 500 }, 1_000_000_321, 10)
    expect(delay).toBeGreaterThanOrEqual(0)
    expect(delay).toBeLessThanOrEqual(1000)
  })

  it('corrects a local reading to server time', () => {
    expect(serverTime(1_000, 250)).toBe(1_250)
  })
})
