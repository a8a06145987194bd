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
  it("stamps the socket's role and member over whatever the client claimed", () => {
    expect(
      relayedAwarenessState(
        { user: { name: 'Vi' }, role: 'facilitator', memberId: 'someone-else' },
        'viewer',
        'm-vi',
      ),
    ).toEqual({ user: { name: 'Vi' }, role: 'viewer', memberId: 'm-vi' })
    expect(relayedAwarenessState({ user: { name: 'Pat' } }, 'participant', 'm-pat')).toEqual({
      user: { name: 'Pat' },
      role: 'participant',
      memberId: 'm-pat',
    })
  })

  it("keeps the facilitator's summon and drops everyone else's", () => {
    const state = { user: { name: 'Fay' }, [summonAwarenessField]: { id: 's' } }
    expect(relayedAwarenessState(state, 'facilitator', 'm-fay')).toEqual({
      ...state,
      role: 'facilitator',
      memberId: 'm-fay',
    })
    expect(relayedAwarenessState(state, 'participant', 'm-fay')).toEqual({
      user: { name: 'Fay' },
      role: 'participant',
      memberId: 'm-fay',
    })
  })

  it('leaves a departure (null) and states that are not objects alone', () => {
    expect(relayedAwarenessState(null, 'viewer', 'm')).toBeNull()
    expect(relayedAwarenessState('x', 'viewer', 'm')).toBe('x')
    expect(relayedAwarenessState([1], 'viewer', 'm')).toEqual([1])
  })
})
