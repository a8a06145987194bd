import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from './board-id.ts'
import {
  BoardNotFoundError,
  type BoardStore,
  type MemberRecord,
  type StoredDocument,
} from './board-store.ts'

/**
 * One behavioural contract for every BoardStore implementation. Each
 * implementation's test file calls this with a factory for a fresh, empty store.
 */
export function boardStoreContract(name: string, makeStore: () => BoardStore): void {
  describe(`${name} satisfies the BoardStore contract`, () => {
    let store: BoardStore
    let boardId: string

    beforeEach(() => {
      store = makeStore()
      boardId = newBoardId()
      store.createBoard({
        id: boardId,
        name: 'Path to production',
        template: 'path-to-production',
        createdAt: new Date(1_700_000_000_000),
      })
    })

    function edit(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
      let captured: Uint8Array | undefined
      const capture = (update: Uint8Array): void => {
        captured = update
      }
      doc.on('update', capture)
      change(doc)
      doc.off('update', capture)
      if (!captured) throw new Error('edit produced no update')
      return captured
    }

    function materialise(stored: StoredDocument): Y.Doc {
      const doc = new Y.Doc()
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
      return doc
    }

    it('returns the board it created and nothing for unknown ids', () => {
      expect(store.getBoard(boardId)).toEqual({
        id: boardId,
        name: 'Path to production',
        template: 'path-to-production',
        createdAt: new Date(1_700_000_000_000),
      })
      expect(store.getBoard(newBoardId())).toBeUndefined()
    })

    it('refuses a second board with the same id', () => {
      expect(() =>
        store.createBoard({ id: boardId, name: 'again', template: 'blank', createdAt: new Date() }),
      ).toThrow()
    })

    it('starts with an empty document', () => {
      expect(store.loadDocument(boardId)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    })

    it('appends updates in order with growing sequence numbers', () => {
      const doc = new Y.Doc()
      const first = edit(doc, (d) => d.getMap('records').set('a', 1))
      const second = edit(doc, (d) => d.getMap('records').set('b', 2))
      const seq1 = store.appendUpdate(boardId, first)
      const seq2 = store.appendUpdate(boardId, second)
      expect(seq2).toBeGreaterThan(seq1)
      const stored = store.loadDocument(boardId)
      expect(stored.updates).toEqual([first, second])
      expect(stored.lastSeq).toBe(seq2)
      expect(store.updateLogStats(boardId)).toEqual({
        count: 2,
        bytes: first.byteLength + second.byteLength,
      })
    })

    it('keeps a stored update intact when the caller reuses its buffer', () => {
      const update = edit(new Y.Doc(), (d) => d.getMap('records').set('a', 1))
      const original = update.slice()
      store.appendUpdate(boardId, update)
      update.fill(0)
      expect(store.loadDocument(boardId).updates).toEqual([original])
    })

    it('loads the same state after compaction as before it', () => {
      const doc = new Y.Doc()
      for (let i = 0; i < 20; i++) {
        store.appendUpdate(
          boardId,
          edit(doc, (d) => d.getMap('records').set(`k${i % 5}`, i)),
        )
      }
      const before = store.loadDocument(boardId)
      store.compact(boardId, Y.encodeStateAsUpdate(doc), before.lastSeq)

      const after = store.loadDocument(boardId)
      expect(after.updates).toEqual([])
      expect(after.snapshot).not.toBeNull()
      expect(after.lastSeq).toBe(before.lastSeq)
      expect(materialise(after).getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
      expect(materialise(before).getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
      expect(store.updateLogStats(boardId)).toEqual({ count: 0, bytes: 0 })
    })

    it('keeps updates appended after the compacted sequence number', () => {
      const doc = new Y.Doc()
      const seq = store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('a', 1)),
      )
      const snapshot = Y.encodeStateAsUpdate(doc)
      const later = edit(doc, (d) => d.getMap('records').set('b', 2))
      const laterSeq = store.appendUpdate(boardId, later)
      store.compact(boardId, snapshot, seq)

      const stored = store.loadDocument(boardId)
      expect(stored.updates).toEqual([later])
      expect(stored.lastSeq).toBe(laterSeq)
      expect(materialise(stored).getMap('records').toJSON()).toEqual({ a: 1, b: 2 })
    })

    it('keeps boards apart', () => {
      const other = newBoardId()
      store.createBoard({
        id: other,
        name: 'Post-mortem',
        template: 'post-mortem',
        createdAt: new Date(),
      })
      store.appendUpdate(
        boardId,
        edit(new Y.Doc(), (d) => d.getMap('records').set('a', 1)),
      )
      expect(store.loadDocument(other).updates).toEqual([])
    })

    it('refuses updates for a board that does not exist', () => {
      expect(() => store.appendUpdate(newBoardId(), new Uint8Array([0, 0]))).toThrow(
        BoardNotFoundError,
      )
      expect(() => store.loadDocument(newBoardId())).toThrow(BoardNotFoundError)
    })

    it('creates a board with its first update in the same step', () => {
      const id = newBoardId()
      const first = edit(new Y.Doc(), (d) => d.getMap('session').set('anonymous', true))
      store.createBoard(
        { id, name: 'Seeded', template: 'blank', createdAt: new Date() },
        undefined,
        first,
      )
      expect(store.loadDocument(id).updates).toEqual([first])
    })

    it('renames a board and refuses to rename an unknown one', () => {
      store.renameBoard(boardId, 'Renamed')
      expect(store.getBoard(boardId)?.name).toBe('Renamed')
      expect(() => store.renameBoard(newBoardId(), 'x')).toThrow(BoardNotFoundError)
    })

    it('deletes a board with its document and tokens', () => {
      store.setTokenHashes(boardId, { viewer: 'v'.repeat(64) })
      store.appendUpdate(
        boardId,
        edit(new Y.Doc(), (d) => d.getMap('records').set('a', 1)),
      )
      expect(store.deleteBoard(boardId)).toBe(true)
      expect(store.getBoard(boardId)).toBeUndefined()
      expect(store.roleForTokenHash(boardId, 'v'.repeat(64))).toBeUndefined()
      expect(() => store.loadDocument(boardId)).toThrow(BoardNotFoundError)
      expect(store.deleteBoard(boardId)).toBe(false)
    })

    it('resolves token hashes to roles, per board, and forgets replaced ones', () => {
      const other = newBoardId()
      store.createBoard(
        { id: other, name: 'Other', template: 'blank', createdAt: new Date() },
        { facilitator: 'f'.repeat(64), participant: 'p'.repeat(64), viewer: 'v'.repeat(64) },
      )
      expect(store.roleForTokenHash(other, 'f'.repeat(64))).toBe('facilitator')
      expect(store.roleForTokenHash(other, 'p'.repeat(64))).toBe('participant')
      expect(store.roleForTokenHash(other, 'v'.repeat(64))).toBe('viewer')
      // A token of one board opens no other board.
      expect(store.roleForTokenHash(boardId, 'p'.repeat(64))).toBeUndefined()

      store.setTokenHashes(other, { participant: 'q'.repeat(64) })
      expect(store.roleForTokenHash(other, 'p'.repeat(64))).toBeUndefined()
      expect(store.roleForTokenHash(other, 'q'.repeat(64))).toBe('participant')
      expect(store.roleForTokenHash(other, 'v'.repeat(64))).toBe('viewer')
      expect(() => store.setTokenHashes(newBoardId(), { viewer: 'x'.repeat(64) })).toThrow(
        BoardNotFoundError,
      )
    })

    function member(memberId: string, at = 1_700_000_000_000): MemberRecord {
      return { memberId, secretHash: 'a'.repeat(64), grant: null, createdAt: new Date(at) }
    }
    const alice = 'AAAAAAAAAAAAAAAAAAAAAA'
    const bob = 'BBBBBBBBBBBBBBBBBBBBBB'

    it('stores members per board and returns copies', () => {
      store.addMember(boardId, member(alice))
      expect(store.getMember(boardId, alice)).toEqual(member(alice))
      expect(store.getMember(boardId, bob)).toBeUndefined()
      const other = newBoardId()
      store.createBoard({ id: other, name: 'Other', template: 'blank', createdAt: new Date() })
      // A member of one board is nobody on another.
      expect(store.getMember(other, alice)).toBeUndefined()
      expect(store.listMembers(other)).toEqual([])
      const copy = store.getMember(boardId, alice)
      if (copy) copy.grant = 'co-facilitator'
      expect(store.getMember(boardId, alice)?.grant).toBeNull()
    })

    it('lists members oldest first', () => {
      store.addMember(boardId, member(bob, 1_700_000_000_000))
      store.addMember(boardId, member(alice, 1_700_000_000_500))
      expect(store.listMembers(boardId).map((m) => m.memberId)).toEqual([bob, alice])
    })

    it('refuses a member for an unknown board and a second member with the same id', () => {
      expect(() => store.addMember(newBoardId(), member(alice))).toThrow(BoardNotFoundError)
      store.addMember(boardId, { ...member(alice), secretHash: 'b'.repeat(64) })
      expect(() => store.addMember(boardId, member(alice))).toThrow()
      // The first member keeps their secret: a second mint cannot take over an id.
      expect(store.getMember(boardId, alice)?.secretHash).toBe('b'.repeat(64))
    })

    it('grants and revokes co-facilitation, and refuses unknown members', () => {
      store.addMember(boardId, member(alice))
      store.setMemberGrant(boardId, alice, 'co-facilitator')
      expect(store.getMember(boardId, alice)?.grant).toBe('co-facilitator')
      store.setMemberGrant(boardId, alice, null)
      expect(store.getMember(boardId, alice)?.grant).toBeNull()
      expect(() => store.setMemberGrant(boardId, bob, 'co-facilitator')).toThrow()
      expect(() => store.setMemberGrant(newBoardId(), alice, null)).toThrow(BoardNotFoundError)
    })

    it('keeps one private document per member and overwrites it on save', () => {
      store.addMember(boardId, member(alice))
      store.addMember(boardId, member(bob))
      expect(store.loadPrivateDocument(boardId, alice)).toBeNull()
      expect(store.listPrivateDocuments(boardId)).toEqual([])
      const first = new Uint8Array([1, 2, 3])
      store.savePrivateDocument(boardId, alice, first)
      first.fill(0)
      expect(store.loadPrivateDocument(boardId, alice)).toEqual(new Uint8Array([1, 2, 3]))
      store.savePrivateDocument(boardId, alice, new Uint8Array([4, 5]))
      store.savePrivateDocument(boardId, bob, new Uint8Array([6]))
      expect(store.loadPrivateDocument(boardId, alice)).toEqual(new Uint8Array([4, 5]))
      expect(store.listPrivateDocuments(boardId)).toEqual([
        { memberId: alice, state: new Uint8Array([4, 5]) },
        { memberId: bob, state: new Uint8Array([6]) },
      ])
      expect(() => store.savePrivateDocument(newBoardId(), alice, new Uint8Array([1]))).toThrow(
        BoardNotFoundError,
      )
    })

    it('deletes a board with its members and private documents', () => {
      store.addMember(boardId, member(alice))
      store.savePrivateDocument(boardId, alice, new Uint8Array([1]))
      store.deleteBoard(boardId)
      expect(store.getMember(boardId, alice)).toBeUndefined()
      expect(store.listMembers(boardId)).toEqual([])
      expect(store.loadPrivateDocument(boardId, alice)).toBeNull()
      expect(store.listPrivateDocuments(boardId)).toEqual([])
      // The same id on a new board starts with nobody.
      store.createBoard({ id: boardId, name: 'Again', template: 'blank', createdAt: new Date() })
      expect(store.listMembers(boardId)).toEqual([])
    })
  })
}
