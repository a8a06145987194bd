import { describe, expect, it } from 'vitest'
import { SeqTracker } from './seq-tracker.ts'

describe('SeqTracker', () => {
  it('moves the watermark over contiguous numbers and ignores what it has', () => {
    const tracker = new SeqTracker(3)
    expect(tracker.add(3)).toBe(false)
    expect(tracker.add(4)).toBe(true)
    expect(tracker.add(4)).toBe(false)
    expect(tracker.watermark).toBe(4)
    expect(tracker.hasGap).toBe(false)
  })

  it('holds a gap until the missing number arrives, in whatever order', () => {
    const tracker = new SeqTracker(0)
    expect(tracker.add(3)).toBe(true)
    expect(tracker.add(2)).toBe(true)
    expect(tracker.hasGap).toBe(true)
    expect(tracker.watermark).toBe(0)
    expect(tracker.add(1)).toBe(true)
    expect(tracker.watermark).toBe(3)
    expect(tracker.hasGap).toBe(false)
  })

  it('closes a gap from the store and keeps what was seen above it', () => {
    const tracker = new SeqTracker(10)
    tracker.add(12)
    tracker.add(15)
    tracker.advanceTo(13)
    expect(tracker.watermark).toBe(13)
    expect(tracker.hasGap).toBe(true)
    tracker.add(14)
    expect(tracker.watermark).toBe(15)
    expect(tracker.hasGap).toBe(false)
    tracker.advanceTo(12)
    expect(tracker.watermark).toBe(15)
  })

  it('reaches the same watermark for every delivery order of the same numbers', () => {
    // Seeded shuffles of 1..50 with duplicates: order never changes the outcome.
    let seed = 42
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    for (let round = 0; round < 50; round++) {
      const numbers = Array.from({ length: 50 }, (_, i) => i + 1)
      const deliveries = [...numbers, ...numbers.filter(() => random() < 0.3)]
      deliveries.sort(() => random() - 0.5)
      const tracker = new SeqTracker(0)
      for (const seq of deliveries) tracker.add(seq)
      expect(tracker.watermark).toBe(50)
      expect(tracker.hasGap).toBe(false)
    }
  })
})
