import { isMemberId } from '@stormline/shared/access/identity'
import { beforeEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import {
  formatMemberCredential,
  hashMemberSecret,
  mintMember,
  newMemberId,
  parseMemberCredential,
  verifyMemberCredential,
} from './member-credential.ts'

describe('member ids and credentials', () => {
  it('mints 128-bit ids, 192-bit secrets, and keeps only the hash of the secret', async () => {
    const { record, credential } = mintMember(new Date(5))
    expect(isMemberId(record.memberId)).toBe(true)
    expect(Buffer.from(record.memberId, 'base64url').byteLength).toBe(16)
    const parsed = parseMemberCredential(credential)
    expect(parsed?.memberId).toBe(record.memberId)
    expect(Buffer.from(parsed?.secret ?? '', 'base64url').byteLength).toBe(24)
    expect(record.secretHash).toBe(hashMemberSecret(parsed?.secret ?? ''))
    expect(record.secretHash).not.toContain(parsed?.secret)
    expect(record).toMatchObject({ grant: null, createdAt: new Date(5) })
  })

  it('never mints the same id twice', async () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newMemberId()))
    expect(seen.size).toBe(1000)
  })

  it('formats and parses `<memberId>.<secret>`', async () => {
    const memberId = 'A'.repeat(22)
    const secret = 'b'.repeat(32)
    const credential = formatMemberCredential({ memberId, secret })
    expect(credential).toBe(`${memberId}.${secret}`)
    expect(parseMemberCredential(credential)).toEqual({ memberId, secret })
  })

  it('parses anything that is not a credential to undefined without throwing', async () => {
    const id = 'A'.repeat(22)
    const secret = 'b'.repeat(32)
    const garbage: unknown[] = [
      undefined,
      null,
      42,
      {},
      ['x'],
      '',
      '.',
      id,
      `${id}.`,
      `.${secret}`,
      `${id}${secret}`,
      `${id}.${secret}x`,
      `${id}x.${secret}`,
      `${id.slice(1)}.${secret}x`,
      `${id}.${secret.slice(1)}!`,
      `${id}.${secret.slice(1)}.`,
      `${id.slice(1)}..${secret}`,
      `${id}.${'b'.repeat(31)}=`,
      `${id}\n${secret}`,
      `${id}.${secret}`.replace('A', 'é'),
      'x'.repeat(100_000),
    ]
    for (const value of garbage) expect(parseMemberCredential(value)).toBeUndefined()
  })
})

describe('verifyMemberCredential', () => {
  let store: MemoryBoardStore
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'B', template: 'blank', createdAt: new Date() })
  })

  it('returns the stored member for its own credential', async () => {
    const minted = mintMember(new Date())
    store.addMember(boardId, minted.record)
    expect(await verifyMemberCredential(store, boardId, minted.credential)).toEqual(minted.record)
  })

  it('refuses a wrong secret, another board, unknown ids and garbage', async () => {
    const minted = mintMember(new Date())
    store.addMember(boardId, minted.record)
    const forged = formatMemberCredential({
      memberId: minted.record.memberId,
      secret: 'c'.repeat(32),
    })
    expect(await verifyMemberCredential(store, boardId, forged)).toBeUndefined()
    expect(await verifyMemberCredential(store, newBoardId(), minted.credential)).toBeUndefined()
    expect(
      await verifyMemberCredential(store, boardId, mintMember(new Date()).credential),
    ).toBeUndefined()
    expect(await verifyMemberCredential(store, boardId, undefined)).toBeUndefined()
    expect(await verifyMemberCredential(store, boardId, 'garbage')).toBeUndefined()
  })

  it('proves nothing against a corrupt stored hash', async () => {
    const minted = mintMember(new Date())
    store.addMember(boardId, { ...minted.record, secretHash: 'not hex' })
    expect(await verifyMemberCredential(store, boardId, minted.credential)).toBeUndefined()
  })
})
