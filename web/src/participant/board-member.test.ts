import type { MeResponse } from '@stormline/shared/access/identity'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client.ts'
import { askMember } from './board-member.ts'

const me: MeResponse = {
  memberId: 'm'.repeat(22),
  role: 'facilitator',
  linkRole: 'participant',
  coFacilitator: true,
  credential: 'secret',
}

describe('askMember', () => {
  it('answers with the member the server knows this browser as', async () => {
    expect(await askMember('b', async () => me)).toEqual({ state: 'member', me })
  })

  it('tells a renewed link, a gone board and an unreachable server apart', async () => {
    const failing = (error: unknown) => async (): Promise<MeResponse> => {
      throw error
    }
    expect(await askMember('b', failing(new ApiError(401, 'token_invalid', 'no')))).toEqual({
      state: 'link-invalid',
    })
    expect(await askMember('b', failing(new ApiError(404, 'board_not_found', 'no')))).toEqual({
      state: 'not-found',
    })
    expect(await askMember('b', failing(new ApiError(502, 'http_error', 'proxy')))).toEqual({
      state: 'unreachable',
    })
    expect(await askMember('b', failing(new TypeError('fetch failed')))).toEqual({
      state: 'unreachable',
    })
  })
})
