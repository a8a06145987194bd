import { describe, expect, it } from 'vitest'
import { effectiveRole } from './facilitator-role.ts'

describe('effectiveRole', () => {
  it('is the role from the link until the server says the socket may only read', () => {
    expect(effectiveRole('facilitator', false)).toBe('facilitator')
    expect(effectiveRole('participant', false)).toBe('participant')
    expect(effectiveRole('participant', true)).toBe('viewer')
    expect(effectiveRole('facilitator', true)).toBe('viewer')
  })
})
