import { describe, expect, it } from 'vitest'
import { editedAgo, openedAgo } from './opened-ago.ts'

const now = Date.UTC(2026, 4, 20, 12, 0, 0)
const minute = 60_000

describe('opened ago', () => {
  it('says how long ago, in the largest whole unit', () => {
    expect(openedAgo(now - 30_000, now)).toBe('Opened just now')
    expect(openedAgo(now - 5 * minute, now)).toBe('Opened 5 minutes ago')
    expect(openedAgo(now - 90 * minute, now)).toBe('Opened 1 hour ago')
    expect(openedAgo(now - 26 * 60 * minute, now)).toBe('Opened yesterday')
    expect(openedAgo(now - 3 * 24 * 60 * minute, now)).toBe('Opened 3 days ago')
    expect(openedAgo(now - 400 * 24 * 60 * minute, now)).toBe('Opened last year')
  })

  it('treats a time in the future (a clock set back) as just now', () => {
    expect(openedAgo(now + 10 * minute, now)).toBe('Opened just now')
  })
})

describe('edited ago', () => {
  it('says when the board last changed, in the same words', () => {
    expect(editedAgo(now - 5 * minute, now)).toBe('Last edited 5 minutes ago')
    expect(editedAgo(now - 26 * 60 * minute, now)).toBe('Last edited yesterday')
  })
})
