import type { BoardRole } from '@stormline/shared/access/roles'
import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { readRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { answeredNow } from '../boards/awaitable-testing.ts'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { newMemberId } from '../identity/member-credential.ts'
import { silentLogger } from '../logging/logger.ts'
import {
  castBallot,
  castDots,
  draftRecord,
  setAnonymous,
  setAssessment,
  setSilentWriting,
  setVote,
  writeDraft,
} from '../sealed/sealed-fixtures.ts'
import { authoredStickies } from './authored-stickies.ts'
import { RoomRegistry, type SocketIdentity } from './room-registry.ts'
import { Peer } from './test-peer.ts'

/**
 * The registry's sealed-state plumbing (ADR 0013) with in-memory peers: what the server
 * publishes from private documents and when, co-facilitator grants on live sockets, and the
 * facilitator's tally.
 */
describe('sealed state in the registry', () => {
  let store: MemoryBoardStore
  let registry: RoomRegistry
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
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
  const shared = (identity: SocketIdentity) => new Peer(registry, boardId, identity)
  const own = (identity: SocketIdentity) => new Peer(registry, boardId, identity, 'private')
  const storedShared = () => replayStoredDocument(store.loadDocument(boardId))
  const storedPrivate = (memberId: string): Y.Doc => {
    const doc = new Y.Doc()
    const state = store.loadPrivateDocument(boardId, memberId)
    if (state) Y.applyUpdate(doc, state)
    return doc
  }
  const session = (peer: Peer) => peer.doc.getMap<unknown>(docLayout.session)

  describe('reactions', () => {
    it('publishes the vote result to everyone when the facilitator closes the vote', () => {
      const fay = shared(member('facilitator'))
      const pat = member()
      const sam = member()
      const watcher = shared(member())
      setVote(fay.doc, 'open', 1)
      castDots(own(pat).doc, 1, { c1: 3, c2: 2 })
      castDots(own(sam).doc, 1, { c1: 1 })
      expect(session(watcher).get(voteResultKey)).toBeUndefined()

      setVote(fay.doc, 'closed', 1)
      const expected = { round: 1, budget: 5, voters: 2, dots: { c1: 4, c2: 2 } }
      for (const peer of [fay, watcher]) {
        expect(readVoteResult(session(peer).get(voteResultKey))).toEqual(expected)
      }
      const stored = storedShared().getMap(docLayout.session).get(voteResultKey)
      expect(readVoteResult(stored)).toEqual(expected)
      expect(watcher.closed).toBeUndefined()
    })

    it('publishes drafts when the round ends, stored first, then removes them from private documents', () => {
      const fay = shared(member('facilitator'))
      const pat = member()
      const watcher = shared(member())
      setSilentWriting(fay.doc, 'writing')
      const tab = own(pat)
      writeDraft(tab.doc, draftRecord('shape:d1', { authorId: pat.memberId, text: 'quiet idea' }))
      expect(readRecord(watcher.doc, 'shape:d1')).toBeUndefined()

      setSilentWriting(fay.doc, 'off')
      const published = readRecord(watcher.doc, 'shape:d1')
      expect(published?.meta).toMatchObject({ stormline: { authorId: pat.memberId } })
      expect(JSON.stringify(published)).not.toContain('"draft"')
      expect(readRecord(storedShared(), 'shape:d1')).toEqual(published)
      expect(tab.doc.getMap(privateLayout.drafts).size).toBe(0)
      expect(storedPrivate(pat.memberId).getMap(privateLayout.drafts).size).toBe(0)
    })

    it('keeps the drafts in the private document when the shared update cannot be stored', () => {
      const fay = shared(member('facilitator'))
      const pat = member()
      setSilentWriting(fay.doc, 'writing')
      writeDraft(own(pat).doc, draftRecord('shape:d1', { authorId: pat.memberId }))
      const append = store.appendUpdate.bind(store)
      let appends = 0
      store.appendUpdate = (id, update) => {
        // The facilitator's own update is stored; the server's publication is not.
        appends++
        if (appends > 1) throw new Error('disk full')
        return append(id, update)
      }
      setSilentWriting(fay.doc, 'off')
      expect(fay.closed?.code).toBe(CloseCode.internalError)
      store.appendUpdate = append
      expect(storedPrivate(pat.memberId).getMap(privateLayout.drafts).has('shape:d1')).toBe(true)
    })

    it('publishes what is due when the board loads (drafts left outside a round)', () => {
      const pat = member()
      const doc = new Y.Doc()
      writeDraft(doc, draftRecord('shape:late', { authorId: pat.memberId }))
      store.savePrivateDocument(boardId, pat.memberId, Y.encodeStateAsUpdate(doc))
      const someone = shared(member())
      expect(readRecord(someone.doc, 'shape:late')).toBeDefined()
      expect(storedPrivate(pat.memberId).getMap(privateLayout.drafts).size).toBe(0)
    })

    it('keeps revealed ballots in the shared map and nothing before', () => {
      const fay = shared(member('facilitator'))
      const pat = member()
      setAssessment(fay.doc, 'c1', 'poker', false)
      castBallot(own(pat).doc, 'c1', 3, 2, 'Pat')
      const watcher = shared(member())
      expect(watcher.doc.getMap(docLayout.ballots).size).toBe(0)
      setAssessment(fay.doc, 'c1', 'poker', true)
      expect(watcher.doc.getMap(docLayout.ballots).toJSON()).toEqual({
        [`c1|${pat.memberId}`]: {
          targetId: 'c1',
          participantId: pat.memberId,
          participantName: 'Pat',
          value: 3,
          effort: 2,
        },
      })
    })

    it('refuses a client writing the shared votes, ballots or vote result, facilitator included', () => {
      for (const write of [
        (doc: Y.Doc) => doc.getMap(docLayout.votes).set('x', { round: 1, dots: { c1: 9 } }),
        (doc: Y.Doc) => doc.getMap(docLayout.ballots).set('c1|x', { value: 5 }),
        (doc: Y.Doc) => doc.getMap(docLayout.session).set(voteResultKey, { round: 1 }),
      ]) {
        const fay = shared(member('facilitator'))
        write(fay.doc)
        expect(fay.closed?.code).toBe(CloseCode.forbiddenEdit)
      }
    })
  })

  describe('co-facilitator grants', () => {
    it("switches a participant's live sockets to the facilitator role and back", () => {
      const pat = member()
      const board = shared(pat)
      const tab = own(pat)
      const other = shared(member())
      board.announce({ user: { name: 'Pat' } })
      expect(other.awareness.getStates().get(board.doc.clientID)).toMatchObject({
        role: 'participant',
        memberId: pat.memberId,
      })

      store.setMemberGrant(boardId, pat.memberId, 'co-facilitator')
      registry.setMemberGrant(boardId, pat.memberId, 'co-facilitator')
      expect(other.awareness.getStates().get(board.doc.clientID)).toMatchObject({
        role: 'facilitator',
      })
      expect(tab.doc.getMap(privateLayout.member).toJSON()).toMatchObject({
        role: 'facilitator',
        coFacilitator: true,
      })
      // The client's next presence update is newer than the restamped one.
      board.announce({ user: { name: 'Pat B.' } })
      expect(other.awareness.getStates().get(board.doc.clientID)).toEqual({
        user: { name: 'Pat B.' },
        role: 'facilitator',
        memberId: pat.memberId,
      })
      session(board).set('step', 3)
      expect(board.closed).toBeUndefined()
      expect(session(other).get('step')).toBe(3)

      store.setMemberGrant(boardId, pat.memberId, null)
      registry.setMemberGrant(boardId, pat.memberId, null)
      expect(tab.doc.getMap(privateLayout.member).toJSON()).toMatchObject({
        role: 'participant',
        coFacilitator: false,
      })
      session(board).set('step', 4)
      expect(board.closed?.code).toBe(CloseCode.forbiddenEdit)
    })

    it('never raises a viewer link', () => {
      const vi = member('viewer')
      const board = shared(vi)
      registry.setMemberGrant(boardId, vi.memberId, 'co-facilitator')
      session(board).set('step', 3)
      expect(board.denials.length).toBeGreaterThan(1)
      expect(storedShared().getMap(docLayout.session).get('step')).toBeUndefined()
    })
  })

  describe('tally', () => {
    it('is null for an unknown board', () => {
      expect(registry.tally(newBoardId())).toBeNull()
      expect(registry.tally('../nope')).toBeNull()
    })

    it('counts voters, dots, ballots, drafts and people without a sticky', () => {
      const fay = member('facilitator')
      const pat = member()
      const sam = member()
      const fayBoard = shared(fay)
      shared(pat)
      shared(sam)
      shared(member('viewer'))
      setVote(fayBoard.doc, 'open', 2)
      setSilentWriting(fayBoard.doc, 'writing')
      const patTab = own(pat)
      castDots(patTab.doc, 2, { c1: 2 })
      castDots(own(sam).doc, 1, { c1: 5 })
      castBallot(patTab.doc, 'c1', 3, null, 'Pat')
      writeDraft(patTab.doc, draftRecord('shape:d1', { authorId: pat.memberId }))
      writeRecord(fayBoard.doc, stickyRecord('shape:f', { authorId: fay.memberId }))

      expect(registry.tally(boardId)).toEqual({
        vote: { round: 2, status: 'open', voters: 1, dots: { c1: 2 } },
        ballots: { c1: { count: 1, names: ['Pat'] } },
        silentWriting: { writers: 1, drafts: 1 },
        presentWithoutStickies: 2,
      })
    })

    it('knows who wrote a sticky on an anonymous board, where no sticky says so', () => {
      const fayBoard = shared(member('facilitator'))
      setAnonymous(fayBoard.doc)
      const pat = member()
      const patBoard = shared(pat)
      expect(answeredNow(registry.tally(boardId))?.presentWithoutStickies).toBe(2)
      writeRecord(patBoard.doc, stickyRecord('shape:a', { authorId: '', authorName: '' }))
      expect(patBoard.closed).toBeUndefined()
      expect(answeredNow(registry.tally(boardId))?.presentWithoutStickies).toBe(1)
      expect(answeredNow(registry.tally(boardId))?.ballots).toEqual({})
    })

    it('remembers whose stickies lost their author when the board turned anonymous', () => {
      const fay = member('facilitator')
      const pat = member()
      const fayBoard = shared(fay)
      const patBoard = shared(pat)
      writeRecord(patBoard.doc, stickyRecord('shape:p', { authorId: pat.memberId }))
      expect(answeredNow(registry.tally(boardId))?.presentWithoutStickies).toBe(1)
      setAnonymous(fayBoard.doc)
      expect(readRecord(fayBoard.doc, 'shape:p')?.meta).toEqual({
        stormline: expect.not.objectContaining({ authorId: pat.memberId }),
      })
      expect(answeredNow(registry.tally(boardId))?.presentWithoutStickies).toBe(1)
      expect(authoredStickies(storedPrivate(pat.memberId))).toEqual(['shape:p'])
    })

    it('remembers drafts published without an author on an anonymous board', () => {
      const fayBoard = shared(member('facilitator'))
      setAnonymous(fayBoard.doc)
      setSilentWriting(fayBoard.doc, 'writing')
      const pat = member()
      shared(pat)
      writeDraft(own(pat).doc, draftRecord('shape:d', { authorId: '', authorName: '' }))
      expect(answeredNow(registry.tally(boardId))?.presentWithoutStickies).toBe(2)
      setSilentWriting(fayBoard.doc, 'off')
      expect(readRecord(fayBoard.doc, 'shape:d')).toBeDefined()
      expect(answeredNow(registry.tally(boardId))?.presentWithoutStickies).toBe(1)
    })

    it('counts a board without peers from the store, with nobody present', () => {
      const pat = member()
      const tab = own(pat)
      castBallot(tab.doc, 'c1', 2, 2, 'Pat')
      tab.leave()
      expect(registry.size).toBe(0)
      expect(registry.tally(boardId)).toMatchObject({
        ballots: { c1: { count: 1, names: ['Pat'] } },
        presentWithoutStickies: 0,
      })
      expect(registry.size).toBe(0)
    })
  })
})
