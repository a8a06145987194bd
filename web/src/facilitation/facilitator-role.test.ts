import { describe, expect, it } from 'vitest'
import { effectiveRole } from './facilitator-role.ts'

describe('effectiveRole', () => {
  it('is the role from the link until the server says the socket may only read', () => {
    expect(effectiveRole('facilitator', false)).toBe('facilitator')
    expect(effectiveRole('participant', false)).toBe('participant')
    expect(effectiveRole('participant', true)).toBe('viewer')
    expect(effectiveRole('facilitator', true)).toBe('viewer')
  })

  it("follows the server's member map: promoted and demoted without a reload", () => {
    const member = { memberId: 'm'.repeat(22), coFacilitator: true }
    expect(effectiveRole('participant', false, { ...member, role: 'facilitator' })).toBe(
      'facilitator',
    )
    expect(
      effectiveRole('facilitator', false, { ...member, role: 'participant', coFacilitator: false }),
    ).toBe('participant')
    // A socket told it may only read stays read-only whatever the member map says.
    expect(effectiveRole('participant', true, { ...member, role: 'facilitator' })).toBe('viewer')
  })
})
