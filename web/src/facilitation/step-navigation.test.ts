import { describe, expect, it } from 'vitest'
import { canGoBack, canGoForward, stepBy } from './step-navigation.ts'

describe('step navigation', () => {
  it('moves one step at a time inside 1–6', () => {
    expect(stepBy(1, 1)).toBe(2)
    expect(stepBy(3, -1)).toBe(2)
    expect(stepBy(1, -1)).toBe(1)
    expect(stepBy(6, 1)).toBe(6)
  })

  it('treats a corrupt stored step as the first step', () => {
    expect(stepBy(Number.NaN, 1)).toBe(2)
    expect(stepBy(42, -1)).toBe(5)
  })

  it('offers back and forward only where there is somewhere to go', () => {
    expect(canGoBack(1)).toBe(false)
    expect(canGoBack(2)).toBe(true)
    expect(canGoForward(5)).toBe(true)
    expect(canGoForward(6)).toBe(false)
  })
})
