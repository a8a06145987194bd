import { type MemberGrant, memberHeader } from '@stormline/shared/access/identity'
import type { Tally } from '@stormline/shared/api/types'
import { beforeEach, describe, expect, it } from 'vitest'
import { issueTokens } from '../access/tokens.ts'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { mintMember } from '../identity/member-credential.ts'
import { type MemberRoomsAccess, memberRoutes } from './member-routes.ts'

const emptyTally: Tally = {
  vote: { round: 0, status: 'idle', voters: 0, dots: {} },
  ballots: {},
  silentWriting: { writers: 0, drafts: 0 },
  presentWithoutStickies: 0,
}

describe('member routes against the rooms', () => {
  let store: MemoryBoardStore
  let boardId: string
  let tokens: ReturnType<typeof issueTokens>['tokens']
  let grants: [string, string, MemberGrant | null][]
  let app: ReturnType<typeof memberRoutes>

  beforeEach(() => {
    store = new MemoryBoardStore()
    boardId = newBoardId()
    const issued = issueTokens()
    tokens = issued.tokens
    store.createBoard(
      { id: boardId, name: 'B', template: 'blank', createdAt: new Date() },
      issued.hashes,
    )
    grants = []
    const rooms: MemberRoomsAccess = {
      setMemberGrant: (...args) => {
        grants.push(args)
      },
      tally: (id) => (id === boardId ? emptyTally : null),
    }
    app = memberRoutes({ store, registry: rooms, publicUrl: null })
  })

  it('stores a grant, then tells the rooms so live sockets switch', async () => {
    const { record } = mintMember(new Date())
    store.addMember(boardId, record)
    const response = await app.request(
      `/${boardId}/members/${record.memberId}/grant?token=${tokens.facilitator}`,
      { method: 'PUT', body: JSON.stringify({ coFacilitator: true }) },
    )
    expect(response.status).toBe(200)
    expect(store.getMember(boardId, record.memberId)?.grant).toBe('co-facilitator')
    expect(grants).toEqual([[boardId, record.memberId, 'co-facilitator']])
    await app.request(`/${boardId}/members/${record.memberId}/grant?token=${tokens.facilitator}`, {
      method: 'PUT',
      body: JSON.stringify({ coFacilitator: false }),
    })
    expect(grants.at(-1)).toEqual([boardId, record.memberId, null])
    expect(store.getMember(boardId, record.memberId)?.grant).toBeNull()
  })

  it('tells the rooms nothing when the grant is refused', async () => {
    const { record } = mintMember(new Date())
    store.addMember(boardId, record)
    const url = `/${boardId}/members/${record.memberId}/grant`
    await app.request(`${url}?token=${tokens.participant}`, {
      method: 'PUT',
      body: JSON.stringify({ coFacilitator: true }),
    })
    await app.request(`${url}?token=${tokens.facilitator}`, { method: 'PUT', body: '{}' })
    expect(grants).toEqual([])
    expect(store.getMember(boardId, record.memberId)?.grant).toBeNull()
  })

  it("raises a co-facilitator's participant link, never a viewer link or a bare one", async () => {
    const { record, credential } = mintMember(new Date())
    store.addMember(boardId, record)
    store.setMemberGrant(boardId, record.memberId, 'co-facilitator')
    const tally = (role: 'participant' | 'viewer', headers: Record<string, string> = {}) =>
      app.request(`/${boardId}/tally?token=${tokens[role]}`, { headers })
    expect((await tally('participant', { [memberHeader]: credential })).status).toBe(200)
    expect((await tally('participant')).status).toBe(403)
    expect(
      (await tally('participant', { [memberHeader]: `${record.memberId}.${'x'.repeat(32)}` }))
        .status,
    ).toBe(403)
    expect((await tally('viewer', { [memberHeader]: credential })).status).toBe(403)
    const me = await app.request(`/${boardId}/me?token=${tokens.participant}`, {
      method: 'POST',
      headers: { [memberHeader]: credential },
    })
    expect(await me.json()).toEqual({
      memberId: record.memberId,
      role: 'facilitator',
      linkRole: 'participant',
      coFacilitator: true,
      credential,
    })
  })

  it('answers the tally of the rooms to the facilitator', async () => {
    const response = await app.request(`/${boardId}/tally?token=${tokens.facilitator}`)
    expect(await response.json()).toEqual(emptyTally)
  })
})
