import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from './duration.ts'

describe('parseDuration', () => {
  it('reads minutes, with a decimal point or comma', () => {
    expect(parseDuration('45')).toBe(45)
    expect(parseDuration(' 2.5 ')).toBe(2.5)
    expect(parseDuration('2,5')).toBe(2.5)
  })

  it('clears on blank', () => {
    expect(parseDuration('  ')).toBeNull()
  })

  it('does not save what is not a duration', () => {
    expect(parseDuration('-3')).toBeUndefined()
    expect(parseDuration('abc')).toBeUndefined()
  })
})

describe('formatDuration', () => {
  it('shows nothing for no duration', () => {
    expect(formatDuration(null)).toBe('')
    expect(formatDuration(90)).toBe('90')
  })
})
