import { describe, expect, it } from 'vitest'
import { newSummonId, readSummon, SummonTracker, summonField } from './summon-tracker.ts'

const bounds = { x: 10, y: 20, w: 800, h: 600 }
const withSummon = (id: string) => ({
  user: { id: 'abc', name: 'Fay', color: '#f00' },
  [summonField]: { id, pageId: 'page:page', bounds },
})

describe('reading a summon from an awareness state', () => {
  it('accepts a well-formed summon', () => {
    expect(readSummon(withSummon('s1'))).toEqual({ id: 's1', pageId: 'page:page', bounds })
  })

  it('rejects missing or malformed ones', () => {
    expect(readSummon(null)).toBeNull()
    expect(readSummon({ presence: {} })).toBeNull()
    expect(
      readSummon({ summon: { id: 's', pageId: 'p', bounds: { x: 0, y: 0, w: 0, h: 1 } } }),
    ).toBeNull()
    expect(
      readSummon({ summon: { id: 's', pageId: 'p', bounds: { x: 'a', y: 0, w: 1, h: 1 } } }),
    ).toBeNull()
    expect(readSummon({ summon: { id: '', pageId: 'p', bounds } })).toBeNull()
  })
})

describe('which summons to obey', () => {
  it('ignores a summon already there when a peer is first seen (we just joined, or they did)', () => {
    const tracker = new SummonTracker(1)
    expect(tracker.observe(2, withSummon('old'))).toBeNull()
    expect(tracker.observe(2, withSummon('old'))).toBeNull()
  })

  it('obeys a new summon once, however often the state is re-sent', () => {
    const tracker = new SummonTracker(1)
    tracker.observe(2, { presence: {} })
    expect(tracker.observe(2, withSummon('s1'))?.id).toBe('s1')
    // Cursor moves re-broadcast the whole state, summon included.
    expect(tracker.observe(2, withSummon('s1'))).toBeNull()
    expect(tracker.observe(2, withSummon('s2'))?.id).toBe('s2')
  })

  it('obeys a summon issued after one seen at load', () => {
    const tracker = new SummonTracker(1)
    tracker.observe(2, withSummon('old'))
    expect(tracker.observe(2, withSummon('new'))?.id).toBe('new')
  })

  it('never obeys its own summon', () => {
    const tracker = new SummonTracker(1)
    tracker.observe(1, {})
    expect(tracker.observe(1, withSummon('mine'))).toBeNull()
  })

  it('treats a peer that left and came back as a newcomer', () => {
    const tracker = new SummonTracker(1)
    tracker.observe(2, {})
    tracker.forget(2)
    expect(tracker.observe(2, withSummon('while-away'))).toBeNull()
  })

  it('keeps peers apart', () => {
    const tracker = new SummonTracker(1)
    tracker.observe(2, {})
    tracker.observe(3, withSummon('s1'))
    expect(tracker.observe(2, withSummon('s1'))?.id).toBe('s1')
  })
})

describe('summon ids', () => {
  it('differ between calls', () => {
    expect(newSummonId(7, 1000)).not.toBe(newSummonId(7, 1000))
    expect(newSummonId(7, 1000, () => 0.5)).toMatch(/^7-/)
  })
})
