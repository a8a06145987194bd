import { describe, expect, it } from 'vitest'
import {
  relayedAwarenessState,
  summonAwarenessField,
  withoutFacilitatorFields,
} from './awareness-policy.ts'

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

describe('relayedAwarenessState', () => {
  it("stamps the socket's role over whatever the client claimed", () => {
    expect(relayedAwarenessState({ user: { name: 'Vi' }, role: 'facilitator' }, 'viewer')).toEqual({
      user: { name: 'Vi' },
      role: 'viewer',
    })
    expect(relayedAwarenessState({ user: { name: 'Pat' } }, 'participant')).toEqual({
      user: { name: 'Pat' },
      role: 'participant',
    })
  })

  it("keeps the facilitator's summon and drops everyone else's", () => {
    const state = { user: { name: 'Fay' }, [summonAwarenessField]: { id: 's' } }
    expect(relayedAwarenessState(state, 'facilitator')).toEqual({ ...state, role: 'facilitator' })
    expect(relayedAwarenessState(state, 'participant')).toEqual({
      user: { name: 'Fay' },
      role: 'participant',
    })
  })

  it('leaves a departure (null) and states that are not objects alone', () => {
    expect(relayedAwarenessState(null, 'viewer')).toBeNull()
    expect(relayedAwarenessState('x', 'viewer')).toBe('x')
    expect(relayedAwarenessState([1], 'viewer')).toEqual([1])
  })
})
