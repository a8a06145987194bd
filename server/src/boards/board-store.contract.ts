import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from './board-id.ts'
import {
  type Awaitable,
  BoardNotFoundError,
  type BoardStore,
  type MemberRecord,
  type StoredCheckpoint,
  type StoredDocument,
} from './board-store.ts'

/**
 * One behavioural contract for every BoardStore implementation. Each implementation's test file
 * calls this with a factory for a fresh, empty store (or one emptied for the case), and how to
 * let go of it after the case. Every call is awaited: the embedded stores answer with plain
 * values, PostgreSQL with promises, and both must behave the same.
 */
export function boardStoreContract(
  name: string,
  makeStore: () => Awaitable<BoardStore>,
  dispose?: (store: BoardStore) => Awaitable<void>,
): void {
  describe(`${name} satisfies the BoardStore contract`, () => {
    let store: BoardStore
    let boardId: string

    beforeEach(async () => {
      store = await makeStore()
      boardId = newBoardId()
      await store.createBoard({
        id: boardId,
        name: 'Path to production',
        template: 'path-to-production',
        createdAt: new Date(1_700_000_000_000),
      })
    })

    afterEach(async () => {
      await dispose?.(store)
    })

    /** A call that throws now or rejects later, as a promise that rejects either way. */
    async function settled<T>(call: () => Awaitable<T>): Promise<T> {
      return await call()
    }

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

    function recordsOf(state: Uint8Array): unknown {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state)
      return doc.getMap('records').toJSON()
    }

    it('returns the board it created and nothing for unknown ids', async () => {
      expect(await store.getBoard(boardId)).toEqual({
        id: boardId,
        name: 'Path to production',
        template: 'path-to-production',
        createdAt: new Date(1_700_000_000_000),
      })
      expect(await store.getBoard(newBoardId())).toBeUndefined()
    })

    it('refuses a second board with the same id', async () => {
      await expect(
        settled(() =>
          store.createBoard({
            id: boardId,
            name: 'again',
            template: 'blank',
            createdAt: new Date(),
          }),
        ),
      ).rejects.toThrow()
    })

    it('starts with an empty document', async () => {
      expect(await store.loadDocument(boardId)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    })

    it('appends updates in order with growing sequence numbers', async () => {
      const doc = new Y.Doc()
      const first = edit(doc, (d) => d.getMap('records').set('a', 1))
      const second = edit(doc, (d) => d.getMap('records').set('b', 2))
      const seq1 = await store.appendUpdate(boardId, first)
      const seq2 = await store.appendUpdate(boardId, second)
      expect(seq2).toBeGreaterThan(seq1)
      const stored = await store.loadDocument(boardId)
      expect(stored.updates).toEqual([first, second])
      expect(stored.lastSeq).toBe(seq2)
      expect(await store.updateLogStats(boardId)).toEqual({
        count: 2,
        bytes: first.byteLength + second.byteLength,
      })
    })

    it('keeps a stored update intact when the caller reuses its buffer', async () => {
      const update = edit(new Y.Doc(), (d) => d.getMap('records').set('a', 1))
      const original = update.slice()
      // Reused before the store has answered: a store that answers later must have copied it.
      const appended = store.appendUpdate(boardId, update)
      update.fill(0)
      await appended
      expect((await store.loadDocument(boardId)).updates).toEqual([original])
    })

    it('loads the same state after compaction as before it', async () => {
      const doc = new Y.Doc()
      for (let i = 0; i < 20; i++) {
        await store.appendUpdate(
          boardId,
          edit(doc, (d) => d.getMap('records').set(`k${i % 5}`, i)),
        )
      }
      const before = await store.loadDocument(boardId)
      await store.compact(boardId, Y.encodeStateAsUpdate(doc), before.lastSeq)

      const after = await store.loadDocument(boardId)
      expect(after.updates).toEqual([])
      expect(after.snapshot).not.toBeNull()
      expect(after.lastSeq).toBe(before.lastSeq)
      expect(materialise(after).getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
      expect(materialise(before).getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
      expect(await store.updateLogStats(boardId)).toEqual({ count: 0, bytes: 0 })
    })

    it('tells when a board was last edited, through a compaction, and nothing for others', async () => {
      expect(await store.lastActivity(boardId)).toBeNull()
      expect(await store.lastActivity(newBoardId())).toBeNull()
      // The database's clock may be another machine's: a few seconds of slack.
      const slackMs = 5_000
      const before = Date.now()
      const doc = new Y.Doc()
      await store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('a', 1)),
      )
      const edited = await store.lastActivity(boardId)
      expect(edited).toBeInstanceOf(Date)
      expect(edited?.getTime()).toBeGreaterThanOrEqual(before - slackMs)
      expect(edited?.getTime()).toBeLessThanOrEqual(Date.now() + slackMs)
      const { lastSeq } = await store.loadDocument(boardId)
      await store.compact(boardId, Y.encodeStateAsUpdate(doc), lastSeq)
      const folded = await store.lastActivity(boardId)
      expect(folded?.getTime()).toBeGreaterThanOrEqual((edited?.getTime() ?? 0) - slackMs)
    })

    it('keeps updates appended after the compacted sequence number', async () => {
      const doc = new Y.Doc()
      const seq = await store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('a', 1)),
      )
      const snapshot = Y.encodeStateAsUpdate(doc)
      const later = edit(doc, (d) => d.getMap('records').set('b', 2))
      const laterSeq = await store.appendUpdate(boardId, later)
      await store.compact(boardId, snapshot, seq)

      const stored = await store.loadDocument(boardId)
      expect(stored.updates).toEqual([later])
      expect(stored.lastSeq).toBe(laterSeq)
      expect(materialise(stored).getMap('records').toJSON()).toEqual({ a: 1, b: 2 })
    })

    it('loads what came after a sequence number, before and after a compaction', async () => {
      const doc = new Y.Doc()
      const a = edit(doc, (d) => d.getMap('records').set('a', 1))
      const b = edit(doc, (d) => d.getMap('records').set('b', 2))
      const c = edit(doc, (d) => d.getMap('records').set('c', 3))
      const seqA = await store.appendUpdate(boardId, a)
      const seqB = await store.appendUpdate(boardId, b)
      const throughB = Y.encodeStateAsUpdate(doc)
      const seqC = await store.appendUpdate(boardId, c)

      expect(await store.loadDocumentSince(boardId, seqA)).toEqual({
        snapshot: null,
        updates: [b, c],
        lastSeq: seqC,
      })
      expect(await store.loadDocumentSince(boardId, seqC)).toEqual({
        snapshot: null,
        updates: [],
        lastSeq: seqC,
      })

      await store.compact(boardId, throughB, seqB)
      // Updates a and b left the log for the snapshot: a node that has only a gets the snapshot.
      const sinceA = await store.loadDocumentSince(boardId, seqA)
      expect(sinceA.snapshot).toEqual(throughB)
      expect(sinceA.updates).toEqual([c])
      expect(sinceA.lastSeq).toBe(seqC)
      expect(materialise(sinceA).getMap('records').toJSON()).toEqual({ a: 1, b: 2, c: 3 })
      // A node that has b already needs no snapshot, only c.
      expect(await store.loadDocumentSince(boardId, seqB)).toEqual({
        snapshot: null,
        updates: [c],
        lastSeq: seqC,
      })
      expect(await store.loadDocumentSince(boardId, seqC)).toEqual({
        snapshot: null,
        updates: [],
        lastSeq: seqC,
      })
      await expect(settled(() => store.loadDocumentSince(newBoardId(), 0))).rejects.toThrow(
        BoardNotFoundError,
      )
    })

    it('ignores a compaction older than the stored snapshot and loses no update', async () => {
      const doc = new Y.Doc()
      const seqA = await store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('a', 1)),
      )
      const throughA = Y.encodeStateAsUpdate(doc)
      const seqB = await store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('b', 2)),
      )
      const throughB = Y.encodeStateAsUpdate(doc)
      const c = edit(doc, (d) => d.getMap('records').set('c', 3))
      const seqC = await store.appendUpdate(boardId, c)

      // Two nodes compacted at once; the one that read less commits last.
      await store.compact(boardId, throughB, seqB)
      await store.compact(boardId, throughA, seqA)
      // The same sequence number is no newer either.
      await store.compact(boardId, throughA, seqB)

      const stored = await store.loadDocument(boardId)
      expect(stored.snapshot).toEqual(throughB)
      expect(stored.updates).toEqual([c])
      expect(stored.lastSeq).toBe(seqC)
      expect(materialise(stored).getMap('records').toJSON()).toEqual({ a: 1, b: 2, c: 3 })
      expect((await store.loadDocumentSince(boardId, seqA)).snapshot).toEqual(throughB)
    })

    it('refuses to compact a board that does not exist', async () => {
      await expect(
        settled(() => store.compact(newBoardId(), new Uint8Array([0, 0]), 1)),
      ).rejects.toThrow(BoardNotFoundError)
    })

    it('keeps boards apart', async () => {
      const other = newBoardId()
      await store.createBoard({
        id: other,
        name: 'Post-mortem',
        template: 'post-mortem',
        createdAt: new Date(),
      })
      await store.appendUpdate(
        boardId,
        edit(new Y.Doc(), (d) => d.getMap('records').set('a', 1)),
      )
      expect((await store.loadDocument(other)).updates).toEqual([])
    })

    it('refuses updates for a board that does not exist', async () => {
      await expect(
        settled(() => store.appendUpdate(newBoardId(), new Uint8Array([0, 0]))),
      ).rejects.toThrow(BoardNotFoundError)
      await expect(settled(() => store.loadDocument(newBoardId()))).rejects.toThrow(
        BoardNotFoundError,
      )
    })

    it('creates a board with its first update in the same step', async () => {
      const id = newBoardId()
      const first = edit(new Y.Doc(), (d) => d.getMap('session').set('anonymous', true))
      await store.createBoard(
        { id, name: 'Seeded', template: 'blank', createdAt: new Date() },
        undefined,
        first,
      )
      const stored = await store.loadDocument(id)
      expect(stored.updates).toEqual([first])
      // The next update comes after the first one.
      expect(await store.appendUpdate(id, new Uint8Array([0, 0]))).toBeGreaterThan(stored.lastSeq)
    })

    it('renames a board and refuses to rename an unknown one', async () => {
      await store.renameBoard(boardId, 'Renamed')
      expect((await store.getBoard(boardId))?.name).toBe('Renamed')
      await expect(settled(() => store.renameBoard(newBoardId(), 'x'))).rejects.toThrow(
        BoardNotFoundError,
      )
    })

    it('deletes a board with its document and tokens', async () => {
      await store.setTokenHashes(boardId, { viewer: 'v'.repeat(64) })
      const doc = new Y.Doc()
      const seq = await store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('a', 1)),
      )
      await store.compact(boardId, Y.encodeStateAsUpdate(doc), seq)
      await store.appendUpdate(
        boardId,
        edit(doc, (d) => d.getMap('records').set('b', 2)),
      )
      expect(await store.deleteBoard(boardId)).toBe(true)
      expect(await store.getBoard(boardId)).toBeUndefined()
      expect(await store.roleForTokenHash(boardId, 'v'.repeat(64))).toBeUndefined()
      await expect(settled(() => store.loadDocument(boardId))).rejects.toThrow(BoardNotFoundError)
      expect(await store.deleteBoard(boardId)).toBe(false)
      // The same id on a new board starts with an empty document.
      await store.createBoard({
        id: boardId,
        name: 'Again',
        template: 'blank',
        createdAt: new Date(),
      })
      expect(await store.loadDocument(boardId)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    })

    it('resolves token hashes to roles, per board, and forgets replaced ones', async () => {
      const other = newBoardId()
      await store.createBoard(
        { id: other, name: 'Other', template: 'blank', createdAt: new Date() },
        { facilitator: 'f'.repeat(64), participant: 'p'.repeat(64), viewer: 'v'.repeat(64) },
      )
      expect(await store.roleForTokenHash(other, 'f'.repeat(64))).toBe('facilitator')
      expect(await store.roleForTokenHash(other, 'p'.repeat(64))).toBe('participant')
      expect(await store.roleForTokenHash(other, 'v'.repeat(64))).toBe('viewer')
      // A token of one board opens no other board.
      expect(await store.roleForTokenHash(boardId, 'p'.repeat(64))).toBeUndefined()

      await store.setTokenHashes(other, { participant: 'q'.repeat(64) })
      expect(await store.roleForTokenHash(other, 'p'.repeat(64))).toBeUndefined()
      expect(await store.roleForTokenHash(other, 'q'.repeat(64))).toBe('participant')
      expect(await store.roleForTokenHash(other, 'v'.repeat(64))).toBe('viewer')
      await expect(
        settled(() => store.setTokenHashes(newBoardId(), { viewer: 'x'.repeat(64) })),
      ).rejects.toThrow(BoardNotFoundError)
    })

    function member(memberId: string, at = 1_700_000_000_000): MemberRecord {
      return { memberId, secretHash: 'a'.repeat(64), grant: null, createdAt: new Date(at) }
    }
    const alice = 'AAAAAAAAAAAAAAAAAAAAAA'
    const bob = 'BBBBBBBBBBBBBBBBBBBBBB'

    it('stores members per board and returns copies', async () => {
      await store.addMember(boardId, member(alice))
      expect(await store.getMember(boardId, alice)).toEqual(member(alice))
      expect(await store.getMember(boardId, bob)).toBeUndefined()
      const other = newBoardId()
      await store.createBoard({
        id: other,
        name: 'Other',
        template: 'blank',
        createdAt: new Date(),
      })
      // A member of one board is nobody on another.
      expect(await store.getMember(other, alice)).toBeUndefined()
      expect(await store.listMembers(other)).toEqual([])
      const copy = await store.getMember(boardId, alice)
      if (copy) copy.grant = 'co-facilitator'
      expect((await store.getMember(boardId, alice))?.grant).toBeNull()
    })

    it('lists members oldest first, then by id', async () => {
      const carol = 'aAAAAAAAAAAAAAAAAAAAAA'
      await store.addMember(boardId, member(bob, 1_700_000_000_000))
      await store.addMember(boardId, member(carol, 1_700_000_000_500))
      await store.addMember(boardId, member(alice, 1_700_000_000_500))
      // Ids compare by code unit (as SQLite does), whatever the database's collation.
      expect((await store.listMembers(boardId)).map((m) => m.memberId)).toEqual([bob, alice, carol])
    })

    it('refuses a member for an unknown board and a second member with the same id', async () => {
      await expect(settled(() => store.addMember(newBoardId(), member(alice)))).rejects.toThrow(
        BoardNotFoundError,
      )
      await store.addMember(boardId, { ...member(alice), secretHash: 'b'.repeat(64) })
      await expect(settled(() => store.addMember(boardId, member(alice)))).rejects.toThrow()
      // The first member keeps their secret: a second mint cannot take over an id.
      expect((await store.getMember(boardId, alice))?.secretHash).toBe('b'.repeat(64))
    })

    it('grants and revokes co-facilitation, and refuses unknown members', async () => {
      await store.addMember(boardId, member(alice))
      await store.setMemberGrant(boardId, alice, 'co-facilitator')
      expect((await store.getMember(boardId, alice))?.grant).toBe('co-facilitator')
      await store.setMemberGrant(boardId, alice, null)
      expect((await store.getMember(boardId, alice))?.grant).toBeNull()
      await expect(
        settled(() => store.setMemberGrant(boardId, bob, 'co-facilitator')),
      ).rejects.toThrow()
      await expect(settled(() => store.setMemberGrant(newBoardId(), alice, null))).rejects.toThrow(
        BoardNotFoundError,
      )
    })

    it('keeps one private document per member and folds each save into it', async () => {
      await store.addMember(boardId, member(alice))
      await store.addMember(boardId, member(bob))
      expect(await store.loadPrivateDocument(boardId, alice)).toBeNull()
      expect(await store.listPrivateDocuments(boardId)).toEqual([])

      const aliceDoc = new Y.Doc()
      aliceDoc.getMap('records').set('dot', 1)
      const first = Y.encodeStateAsUpdate(aliceDoc)
      const saved = store.savePrivateDocument(boardId, alice, first)
      // Reused before the store has answered: a store that answers later must have copied it.
      first.fill(0)
      await saved
      const stored = await store.loadPrivateDocument(boardId, alice)
      expect(stored && recordsOf(stored)).toEqual({ dot: 1 })

      aliceDoc.getMap('records').set('dot', 2)
      await store.savePrivateDocument(boardId, alice, Y.encodeStateAsUpdate(aliceDoc))
      const bobDoc = new Y.Doc()
      bobDoc.getMap('records').set('ballot', 'yes')
      await store.savePrivateDocument(boardId, bob, Y.encodeStateAsUpdate(bobDoc))

      const latest = await store.loadPrivateDocument(boardId, alice)
      expect(latest && recordsOf(latest)).toEqual({ dot: 2 })
      const listed = await store.listPrivateDocuments(boardId)
      expect(
        listed.map(({ memberId, state }) => ({ memberId, records: recordsOf(state) })),
      ).toEqual([
        { memberId: alice, records: { dot: 2 } },
        { memberId: bob, records: { ballot: 'yes' } },
      ])
      await expect(
        settled(() =>
          store.savePrivateDocument(newBoardId(), alice, Y.encodeStateAsUpdate(aliceDoc)),
        ),
      ).rejects.toThrow(BoardNotFoundError)
    })

    it('keeps both of two diverging private document saves', async () => {
      await store.addMember(boardId, member(alice))
      const base = new Y.Doc()
      base.getMap('records').set('draft', 'first words')
      await store.savePrivateDocument(boardId, alice, Y.encodeStateAsUpdate(base))

      // Two nodes each hold the base and add a different change, then save their whole state.
      const onNodeA = new Y.Doc()
      const onNodeB = new Y.Doc()
      Y.applyUpdate(onNodeA, Y.encodeStateAsUpdate(base))
      Y.applyUpdate(onNodeB, Y.encodeStateAsUpdate(base))
      onNodeA.getMap('records').set('dot', 'card-1')
      onNodeB.getMap('records').set('ballot', 'card-2')
      onNodeB.getMap('records').delete('draft')
      await store.savePrivateDocument(boardId, alice, Y.encodeStateAsUpdate(onNodeA))
      await store.savePrivateDocument(boardId, alice, Y.encodeStateAsUpdate(onNodeB))

      const stored = await store.loadPrivateDocument(boardId, alice)
      expect(stored && recordsOf(stored)).toEqual({ dot: 'card-1', ballot: 'card-2' })
    })

    it('deletes a board with its members and private documents', async () => {
      await store.addMember(boardId, member(alice))
      const doc = new Y.Doc()
      doc.getMap('records').set('dot', 1)
      await store.savePrivateDocument(boardId, alice, Y.encodeStateAsUpdate(doc))
      await store.deleteBoard(boardId)
      expect(await store.getMember(boardId, alice)).toBeUndefined()
      expect(await store.listMembers(boardId)).toEqual([])
      expect(await store.loadPrivateDocument(boardId, alice)).toBeNull()
      expect(await store.listPrivateDocuments(boardId)).toEqual([])
      // The same id on a new board starts with nobody.
      await store.createBoard({
        id: boardId,
        name: 'Again',
        template: 'blank',
        createdAt: new Date(),
      })
      expect(await store.listMembers(boardId)).toEqual([])
    })

    /** A checkpoint of this board whose state holds `records`. */
    function checkpoint(
      id: string,
      kind: StoredCheckpoint['kind'],
      at: number,
      records: Record<string, number> = {},
    ): StoredCheckpoint {
      const doc = new Y.Doc()
      for (const [key, value] of Object.entries(records)) doc.getMap('records').set(key, value)
      return {
        id,
        boardId,
        kind,
        name: `${kind} ${id}`,
        createdAt: new Date(1_800_000_000_000 + at),
        stickyCount: Object.keys(records).length,
        restoredFrom: kind === 'before-restore' ? 'named-1' : null,
        undone: false,
        state: Y.encodeStateAsUpdate(doc),
        restoredState: kind === 'before-restore' ? Y.encodeStateAsUpdate(new Y.Doc()) : null,
      }
    }

    const ids = async (): Promise<string[]> =>
      (await store.listCheckpoints(boardId)).map((listed) => listed.id)

    it('stores checkpoints with their states and lists them newest first without them', async () => {
      const named = checkpoint('named-1', 'named', 10, { a: 1, b: 2 })
      const before = checkpoint('before-1', 'before-restore', 20, { a: 1 })
      await store.saveCheckpoint(named)
      await store.saveCheckpoint(checkpoint('auto-1', 'auto', 0))
      await store.saveCheckpoint(before)
      // Same moment: the larger id first, on every store.
      await store.saveCheckpoint(checkpoint('auto-2', 'auto', 10))

      const listed = await store.listCheckpoints(boardId)
      expect(listed.map((c) => c.id)).toEqual(['before-1', 'named-1', 'auto-2', 'auto-1'])
      const { state: _state, restoredState: _restored, ...summary } = named
      expect(listed[1]).toEqual(summary)
      expect(listed[0]).not.toHaveProperty('state')

      const loaded = await store.loadCheckpoint(boardId, 'named-1')
      expect(loaded && recordsOf(loaded.state)).toEqual({ a: 1, b: 2 })
      expect(loaded?.restoredState).toBeNull()
      const loadedBefore = await store.loadCheckpoint(boardId, 'before-1')
      expect(loadedBefore?.restoredFrom).toBe('named-1')
      expect(loadedBefore?.restoredState && recordsOf(loadedBefore.restoredState)).toEqual({})
    })

    it('finds a checkpoint only on its own board, and refuses one for an unknown board', async () => {
      await store.saveCheckpoint(checkpoint('named-1', 'named', 0))
      const other = newBoardId()
      await store.createBoard({
        id: other,
        name: 'Other',
        template: 'blank',
        createdAt: new Date(),
      })
      expect(await store.loadCheckpoint(other, 'named-1')).toBeUndefined()
      expect(await store.deleteCheckpoint(other, 'named-1')).toBe(false)
      expect(await store.setCheckpointUndone(other, 'named-1', true)).toBe(false)
      expect(await store.listCheckpoints(other)).toEqual([])
      expect(await ids()).toEqual(['named-1'])
      const unknown = { ...checkpoint('x', 'named', 0), boardId: newBoardId() }
      await expect(settled(() => store.saveCheckpoint(unknown))).rejects.toBeInstanceOf(
        BoardNotFoundError,
      )
    })

    it('marks a restore undone once, and only on a before-restore checkpoint', async () => {
      await store.saveCheckpoint(checkpoint('before-1', 'before-restore', 0))
      await store.saveCheckpoint(checkpoint('named-1', 'named', 1))
      expect(await store.setCheckpointUndone(boardId, 'named-1', true)).toBe(false)
      expect(await store.setCheckpointUndone(boardId, 'before-1', true)).toBe(true)
      expect(await store.setCheckpointUndone(boardId, 'before-1', true)).toBe(false)
      expect((await store.loadCheckpoint(boardId, 'before-1'))?.undone).toBe(true)
      expect((await store.listCheckpoints(boardId)).find((c) => c.id === 'before-1')?.undone).toBe(
        true,
      )
      // A failed undo gives its claim back.
      expect(await store.setCheckpointUndone(boardId, 'before-1', false)).toBe(true)
      expect((await store.loadCheckpoint(boardId, 'before-1'))?.undone).toBe(false)
      expect(await store.setCheckpointUndone(boardId, 'missing', true)).toBe(false)
    })

    it('deletes one checkpoint', async () => {
      await store.saveCheckpoint(checkpoint('named-1', 'named', 0))
      await store.saveCheckpoint(checkpoint('named-2', 'named', 1))
      expect(await store.deleteCheckpoint(boardId, 'named-1')).toBe(true)
      expect(await store.deleteCheckpoint(boardId, 'named-1')).toBe(false)
      expect(await ids()).toEqual(['named-2'])
      expect(await store.loadCheckpoint(boardId, 'named-1')).toBeUndefined()
    })

    it('prunes automatic checkpoints past the count and old ones, and keeps named ones', async () => {
      for (let i = 1; i <= 5; i++)
        await store.saveCheckpoint(checkpoint(`auto-${i}`, 'auto', i * 100))
      await store.saveCheckpoint(checkpoint('before-old', 'before-restore', 50))
      await store.saveCheckpoint(checkpoint('before-new', 'before-restore', 450))
      await store.saveCheckpoint(checkpoint('named-old', 'named', 1))
      const keepSince = new Date(1_800_000_000_000 + 150)

      expect(await store.pruneCheckpoints(boardId, { keepAuto: 3, keepSince })).toBe(3)
      // auto-1 and before-old are too old; of the other automatic ones the newest three stay.
      expect(await ids()).toEqual(['auto-5', 'before-new', 'auto-4', 'auto-3', 'named-old'])
      expect(await store.pruneCheckpoints(boardId, { keepAuto: 3, keepSince })).toBe(0)
      expect(await store.pruneCheckpoints(boardId, { keepAuto: 0, keepSince: new Date(0) })).toBe(3)
      expect(await ids()).toEqual(['before-new', 'named-old'])
    })

    it('deletes a board with its checkpoints', async () => {
      await store.saveCheckpoint(checkpoint('named-1', 'named', 0))
      await store.deleteBoard(boardId)
      expect(await store.listCheckpoints(boardId)).toEqual([])
      expect(await store.loadCheckpoint(boardId, 'named-1')).toBeUndefined()
      await store.createBoard({
        id: boardId,
        name: 'Again',
        template: 'blank',
        createdAt: new Date(),
      })
      expect(await store.listCheckpoints(boardId)).toEqual([])
      // Its id is free again.
      await store.saveCheckpoint(checkpoint('named-1', 'named', 0))
      expect(await ids()).toEqual(['named-1'])
    })
  })
}
