import { describe, expect, it } from 'vitest'
import { summonAwarenessField, withoutFacilitatorFields } from './awareness-policy.ts'

describe('withoutFacilitatorFields', () => {
  it('drops the summon and keeps the rest of a presence state', () => {
    const state = {
      user: { name: 'Bo' },
      presence: { cursor: { x: 1 } },
      [summonAwarenessField]: { id: 's' },
    }
    expect(withoutFacilitatorFields(state)).toEqual({
      user: { name: 'Bo' },
      presence: { cursor: { x: 1 } },
    })
  })

  it('leaves states without a summon, and non-objects, as they are', () => {
    const state = { user: { name: 'Bo' } }
    expect(withoutFacilitatorFields(state)).toBe(state)
    expect(withoutFacilitatorFields(null)).toBeNull()
    expect(withoutFacilitatorFields('x')).toBe('x')
  })
})
