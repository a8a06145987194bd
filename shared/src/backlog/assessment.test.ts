import { describe, expect, it } from 'vitest'
import { effortSizeOf, effortSizes } from './assessment.ts'

describe('effort sizes', () => {
  it('name the efforts they count as, and no size for the others', () => {
    for (const [size, points] of Object.entries(effortSizes))
      expect(effortSizeOf(points)).toBe(size)
    expect(effortSizeOf(4)).toBeNull()
    expect(effortSizeOf(null)).toBeNull()
  })
})
