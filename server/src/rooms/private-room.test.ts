import type { BoardRole } from '@stormline/shared/access/roles'
import { type SilentWriting, silentWritingKey } from '@stormline/shared/board/silent-writing'
import { readOnlyReason } from '@stormline/shared/sync/access-messages'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { stickyRecord } from '@stormline/shared/testing/board-records'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { newMemberId } from '../identity/member-credential.ts'
import { silentLogger } from '../logging/logger.ts'
import { draftRecord } from '../sealed/sealed-fixtures.ts'
import { RoomRegistry, type SocketIdentity } from './room-registry.ts'
import { Peer } from './test-peer.ts'

/** The private document as the store holds it. */
function storedPrivate(store: MemoryBoardStore, boardId: string, memberId: string): Y.Doc {
  const doc = new Y.Doc()
  const state = store.loadPrivateDocument(boardId, memberId)
  if (state) Y.applyUpdate(doc, state)
  return doc
}

describe('private documents', () => {
  let store: MemoryBoardStore
  let registry: RoomRegistry
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    registry = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxPrivateBytes: 64 * 1024,
    })
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'Board', template: 'blank', createdAt: new Date() })
  })

  const member = (linkRole: BoardRole = 'participant'): SocketIdentity => {
    const memberId = newMemberId()
    store.addMember(boardId, {
      memberId,
      secretHash: 'ab'.repeat(32),
      grant: null,
      createdAt: new Date(),
    })
    return { role: linkRole, linkRole, memberId }
  }

  const privatePeer = (identity: SocketIdentity) => new Peer(registry, boardId, identity, 'private')

  it("syncs a member's own sockets, stores before relaying, and shows nothing to anyone else", () => {
    const pat = member()
    const tab1 = privatePeer(pat)
    const tab2 = privatePeer(pat)
    const other = privatePeer(member())
    const board = new Peer(registry, boardId, member())

    const saved: (Uint8Array | null)[] = []
    tab2.onReceive = () => saved.push(store.loadPrivateDocument(boardId, pat.memberId))
    tab1.doc.getMap(privateLayout.votes).set('mine', { round: 1, dots: { c1: 2 } })

    expect(tab2.doc.getMap(privateLayout.votes).get('mine')).toEqual({ round: 1, dots: { c1: 2 } })
    // The relay came after the save, which already held the dots.
    const first = saved[0]
    expect(first).toBeTruthy()
    const atRelay = new Y.Doc()
    Y.applyUpdate(atRelay, first as Uint8Array)
    expect(atRelay.getMap(privateLayout.votes).get('mine')).toEqual({ round: 1, dots: { c1: 2 } })

    expect(other.doc.getMap(privateLayout.votes).size).toBe(0)
    expect(board.doc.getMap(docLayout.votes).size).toBe(0)
    expect(JSON.stringify(board.doc.toJSON())).not.toContain('c1')
    expect(
      storedPrivate(store, boardId, pat.memberId).getMap(privateLayout.votes).toJSON(),
    ).toEqual({ mine: { round: 1, dots: { c1: 2 } } })
  })

  it('writes the member entry for the page: id, role and co-facilitation', () => {
    const pat = member()
    const tab = privatePeer(pat)
    expect(tab.doc.getMap(privateLayout.member).toJSON()).toEqual({
      memberId: pat.memberId,
      role: 'participant',
      coFacilitator: false,
    })
    const viewer = member('viewer')
    const watching = privatePeer(viewer)
    expect(watching.doc.getMap(privateLayout.member).get('role')).toBe('viewer')
  })

  it.each([
    [
      'the member entry',
      (doc: Y.Doc) => doc.getMap(privateLayout.member).set('role', 'facilitator'),
    ],
    ['a map that is not private layout', (doc: Y.Doc) => doc.getMap('secrets').set('x', 1)],
    ['a second votes key', (doc: Y.Doc) => doc.getMap(privateLayout.votes).set('alice', {})],
    [
      'a shared type as an entry',
      (doc: Y.Doc) => doc.getMap(privateLayout.ballots).set('c1', new Y.Map()),
    ],
    [
      'list content in a private map',
      (doc: Y.Doc) => doc.getArray(privateLayout.ballots).insert(0, [1]),
    ],
  ])('closes a socket writing %s with 4403 and keeps nothing of it', (_what, write) => {
    const pat = member()
    const writer = privatePeer(pat)
    const sibling = privatePeer(pat)
    writer.doc.getMap(privateLayout.votes).set('mine', { round: 1, dots: { ok: 1 } })
    const before = store.loadPrivateDocument(boardId, pat.memberId)

    write(writer.doc)
    expect(writer.closed?.code).toBe(CloseCode.forbiddenEdit)
    expect(store.loadPrivateDocument(boardId, pat.memberId)).toEqual(before)
    expect(sibling.closed).toBeUndefined()
    expect(sibling.doc.getMap(privateLayout.member).get('role')).toBe('participant')
    expect(sibling.doc.share.has('secrets')).toBe(false)
    // A fresh tab gets what the store holds, refused change excluded.
    const fresh = privatePeer(pat)
    expect(fresh.doc.getMap(privateLayout.votes).toJSON()).toEqual({
      mine: { round: 1, dots: { ok: 1 } },
    })
    expect(fresh.doc.getMap(privateLayout.member).get('role')).toBe('participant')
  })

  /** A facilitator socket on the board that starts a silent-writing round (drafts stay private). */
  const startRound = (): Peer => {
    const facilitator = new Peer(registry, boardId, member('facilitator'))
    facilitator.doc
      .getMap(docLayout.session)
      .set(silentWritingKey, { status: 'writing', round: 1 } satisfies SilentWriting)
    return facilitator
  }

  it("accepts the member's own drafts and refuses anything else there with 4422", () => {
    startRound()
    const pat = member()
    const tab = privatePeer(pat)
    tab.doc
      .getMap(privateLayout.drafts)
      .set('shape:d1', draftRecord('shape:d1', { authorId: pat.memberId }))
    expect(tab.closed).toBeUndefined()

    const refusals: [string, (memberId: string) => unknown][] = [
      ['someone else as author', () => draftRecord('shape:d2', { authorId: newMemberId() })],
      [
        'no author on a board that is not anonymous',
        () => draftRecord('shape:d2', { authorId: '' }),
      ],
      ['not marked as a draft', (id) => stickyRecord('shape:d2', { authorId: id })],
      [
        'not a valid note',
        (id) => ({ ...draftRecord('shape:d2', { authorId: id }), props: { color: 'nope' } }),
      ],
      ['stored under another id', (id) => draftRecord('shape:other', { authorId: id })],
    ]
    for (const [what, draft] of refusals) {
      const writer = privatePeer(pat)
      writer.doc.getMap(privateLayout.drafts).set('shape:d2', draft(pat.memberId))
      expect(writer.closed?.code, what).toBe(CloseCode.invalidRecord)
    }
    const stored = storedPrivate(store, boardId, pat.memberId).getMap(privateLayout.drafts)
    expect([...stored.keys()]).toEqual(['shape:d1'])
    expect(tab.doc.getMap(privateLayout.drafts).has('shape:d2')).toBe(false)
  })

  it('accepts drafts without an author on an anonymous board', () => {
    const facilitator = startRound()
    facilitator.doc.getMap(docLayout.session).set('anonymous', true)
    const pat = member()
    const tab = privatePeer(pat)
    const anonymous = draftRecord('shape:d1', { authorId: '', authorName: '' })
    tab.doc.getMap(privateLayout.drafts).set('shape:d1', anonymous)
    expect(tab.closed).toBeUndefined()
    expect(storedPrivate(store, boardId, pat.memberId).getMap(privateLayout.drafts).size).toBe(1)
  })

  it('refuses an update past the size bound with 4413', () => {
    const pat = member()
    const tab = privatePeer(pat)
    tab.doc
      .getMap(privateLayout.ballots)
      .set('c1', { value: 3, effort: 2, name: 'x'.repeat(70_000) })
    expect(tab.closed?.code).toBe(CloseCode.boardTooLarge)
    expect(storedPrivate(store, boardId, pat.memberId).getMap(privateLayout.ballots).size).toBe(0)
  })

  it('bounds all private documents of a board together, so many members cannot add up past it', () => {
    const bounded = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxPrivateBytes: 64 * 1024,
      maxBoardBytes: 100 * 1024,
    })
    const writeBallot = (identity: SocketIdentity) => {
      const tab = new Peer(bounded, boardId, identity, 'private')
      tab.doc
        .getMap(privateLayout.ballots)
        .set('c1', { value: 3, effort: 2, name: 'x'.repeat(40_000) })
      return tab
    }
    const first = writeBallot(member())
    const second = writeBallot(member())
    expect(first.closed).toBeUndefined()
    expect(second.closed).toBeUndefined()
    // Each alone is within its own bound; the third would take the board past its bound.
    const thirdMember = member()
    const third = writeBallot(thirdMember)
    expect(third.closed?.code).toBe(CloseCode.boardTooLarge)
    expect(
      storedPrivate(store, boardId, thirdMember.memberId).getMap(privateLayout.ballots).size,
    ).toBe(0)
  })

  it("drops a viewer's private writes with the read-only notice", () => {
    const vi = member('viewer')
    const tab = privatePeer(vi)
    expect(tab.denials).toEqual([readOnlyReason])
    tab.doc.getMap(privateLayout.votes).set('mine', { round: 1, dots: { c1: 1 } })
    expect(tab.closed).toBeUndefined()
    expect(tab.denials.length).toBe(2)
    expect(storedPrivate(store, boardId, vi.memberId).getMap(privateLayout.votes).size).toBe(0)
  })

  it('closes a malformed private frame with 4500', () => {
    const tab = privatePeer(member())
    tab.connection?.receive(new Uint8Array([0, 9, 9]))
    expect(tab.closed?.code).toBe(CloseCode.malformedMessage)
  })

  it('keeps private documents across an unload and a reload of the board', () => {
    const pat = member()
    const tab = privatePeer(pat)
    tab.doc.getMap(privateLayout.ballots).set('c1', { value: 4, effort: 2, name: 'Pat' })
    tab.leave()
    expect(registry.size).toBe(0)
    const again = privatePeer(pat)
    expect(again.doc.getMap(privateLayout.ballots).get('c1')).toEqual({
      value: 4,
      effort: 2,
      name: 'Pat',
    })
  })

  it('keeps the board loaded while a private socket is open', () => {
    const pat = member()
    const tab = privatePeer(pat)
    const board = new Peer(registry, boardId, pat)
    board.leave()
    expect(registry.size).toBe(1)
    tab.leave()
    expect(registry.size).toBe(0)
  })

  it('closes private sockets of a rotated link with 4401', () => {
    const pat = member()
    const tab = privatePeer(pat)
    const fay = privatePeer(member('facilitator'))
    registry.disconnectRoles(boardId, ['participant'])
    expect(tab.closed?.code).toBe(CloseCode.unauthorized)
    expect(fay.closed).toBeUndefined()
  })

  it('closes private sockets with 1011 when the document cannot be saved, and recovers', () => {
    const pat = member()
    const tab = privatePeer(pat)
    const save = store.savePrivateDocument.bind(store)
    store.savePrivateDocument = () => {
      throw new Error('disk full')
    }
    tab.doc.getMap(privateLayout.votes).set('mine', { round: 1, dots: { c1: 1 } })
    expect(tab.closed?.code).toBe(CloseCode.internalError)
    store.savePrivateDocument = save
    const again = privatePeer(pat)
    expect(again.closed).toBeUndefined()
    expect(again.doc.getMap(privateLayout.votes).size).toBe(0)
  })
})
