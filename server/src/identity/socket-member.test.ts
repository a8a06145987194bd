import { memberCookieName, memberHeader } from '@stormline/shared/access/identity'
import { Hono } from 'hono'
import { beforeEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { mintMember } from './member-credential.ts'
import { requestMemberCredential, socketMember } from './socket-member.ts'

describe('socketMember', () => {
  let store: MemoryBoardStore
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'B', template: 'blank', createdAt: new Date() })
  })

  it('is the member the credential proves, with their grant', async () => {
    const minted = mintMember(new Date())
    store.addMember(boardId, minted.record)
    store.setMemberGrant(boardId, minted.record.memberId, 'co-facilitator')
    expect(await socketMember(store, boardId, minted.credential, new Date())).toEqual({
      memberId: minted.record.memberId,
      grant: 'co-facilitator',
      minted: false,
    })
    expect(store.listMembers(boardId)).toHaveLength(1)
  })

  it('mints and stores a new member for a missing or forged credential, never reusing an id', async () => {
    const minted = mintMember(new Date())
    store.addMember(boardId, minted.record)
    const forged = `${minted.record.memberId}.${'z'.repeat(32)}`
    const now = new Date(1_700_000_000_000)
    const a = await socketMember(store, boardId, undefined, now)
    const b = await socketMember(store, boardId, forged, now)
    expect(a.minted && b.minted).toBe(true)
    expect(new Set([a.memberId, b.memberId, minted.record.memberId]).size).toBe(3)
    expect(a.grant).toBeNull()
    expect(store.getMember(boardId, a.memberId)?.createdAt).toEqual(now)
    expect(store.listMembers(boardId)).toHaveLength(3)
  })
})

describe('requestMemberCredential', () => {
  const boardId = 'board-1'
  const app = new Hono().get('/x', (c) => c.text(requestMemberCredential(c, boardId) ?? '-'))

  async function read(path: string, headers: Record<string, string> = {}): Promise<string> {
    return (await app.request(path, { headers })).text()
  }

  it('reads ?member=, then the header, then the board member cookie', async () => {
    const cookie = `${memberCookieName(boardId)}=from-cookie`
    expect(await read('/x?member=from-query', { [memberHeader]: 'h', cookie })).toBe('from-query')
    expect(await read('/x', { [memberHeader]: 'from-header', cookie })).toBe('from-header')
    expect(await read('/x', { cookie })).toBe('from-cookie')
    expect(await read('/x', { cookie: `${memberCookieName('other')}=x` })).toBe('-')
    expect(await read('/x')).toBe('-')
  })
})
