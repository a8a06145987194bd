import {
  atom,
  createUserId,
  type TLInstancePresence,
  type TLRecord,
  type TLStore,
  type TLUser,
  UserRecordType,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { personPalette } from '../presence/person-palette.ts'
import {
  bindPresence,
  type PresenceBindingOptions,
  presenceFromAwareness,
  presenceIdForClient,
} from './presence.ts'
import { createBoardStore } from './test-records.ts'

const cleanups: (() => void)[] = []
/** Presence is broadcast from a microtask, and throttled; give both a moment. */
const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** A store the way it looks once the editor has mounted: page, camera, pointer, instance. */
function mountedStore(): TLStore {
  const store = createBoardStore()
  store.mergeRemoteChanges(() => {})
  return store
}

function awareness(): Awareness {
  const instance = new Awareness(new Y.Doc())
  cleanups.push(() => instance.destroy())
  return instance
}

/** Forwards every awareness update from `from` to `to`, as the server would. */
function link(from: Awareness, to: Awareness): void {
  const forward = ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    if (origin === 'relay') return
    const clients = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])]
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients), 'relay')
  }
  from.on('update', forward)
  cleanups.push(() => from.off('update', forward))
}

/** Each page has its own colour; the app's default is one shared atom per page. */
function bind(options: PresenceBindingOptions): () => void {
  return bindPresence({ colour: atom<string | null>('colour', null), ...options })
}

function user(id: string, name: string): ReturnType<typeof atom<TLUser | null>> {
  return atom<TLUser | null>(
    'user',
    UserRecordType.create({ id: createUserId(id), name, color: '#1971c2' }),
  )
}

function presences(store: TLStore): TLInstancePresence[] {
  return store
    .allRecords()
    .filter((r): r is TLInstancePresence => r.typeName === 'instance_presence')
}

describe('bindPresence', () => {
  it("shows a peer's cursor, name and colour, and removes it when they leave", async () => {
    const aliceStore = mountedStore()
    const bobStore = mountedStore()
    const alice = awareness()
    const bob = awareness()
    link(alice, bob)
    link(bob, alice)
    cleanups.push(bind({ store: aliceStore, awareness: alice, user: user('alice', 'Alice') }))
    cleanups.push(bind({ store: bobStore, awareness: bob, user: user('bob', 'Bob') }))
    await settle()

    // Both asked for the same colour; each now shows in one of the board's, and not the same.
    const colourOf = (peer: Awareness) => (peer.getLocalState()?.user as { color?: string })?.color
    // The later-ranked of the two re-picks and publishes again, within a throttle interval.
    await vi.waitFor(() => expect(colourOf(alice)).not.toBe(colourOf(bob)))
    const aliceColour = colourOf(alice)
    const bobColour = colourOf(bob)
    expect(personPalette).toContain(aliceColour)
    expect(personPalette).toContain(bobColour)
    await vi.waitFor(() => expect(presences(bobStore)[0]?.color).toBe(aliceColour))

    const [seenByBob] = presences(bobStore)
    expect(seenByBob).toMatchObject({
      id: presenceIdForClient(alice.clientID),
      userId: 'user:alice',
      userName: 'Alice',
      color: aliceColour,
      currentPageId: 'page:page',
      cursor: { x: 0, y: 0 },
    })
    expect(presences(bobStore)).toHaveLength(1)
    expect(alice.getLocalState()).toMatchObject({
      user: { id: 'user:alice', name: 'Alice', color: aliceColour },
    })

    removeAwarenessStates(alice, [alice.clientID], 'left')
    expect(presences(bobStore)).toEqual([])
  })

  it('follows cursor moves and renames', async () => {
    const aliceStore = mountedStore()
    const bobStore = mountedStore()
    const alice = awareness()
    const bob = awareness()
    link(alice, bob)
    const aliceUser = user('alice', 'Alice')
    cleanups.push(bind({ store: aliceStore, awareness: alice, user: aliceUser, throttleMs: 1 }))
    cleanups.push(bind({ store: bobStore, awareness: bob, user: user('bob', 'Bob') }))

    aliceStore.update(
      'pointer:pointer' as TLRecord['id'],
      (r) => ({ ...r, x: 120, y: 80 }) as TLRecord,
    )
    aliceUser.set(
      UserRecordType.create({ id: createUserId('alice'), name: 'Alice L.', color: '#1971c2' }),
    )
    await settle(10)
    expect(presences(bobStore)[0]).toMatchObject({
      userName: 'Alice L.',
      cursor: { x: 120, y: 80 },
    })
  })

  it('does not add our own presence to our store', async () => {
    const store = mountedStore()
    const self = awareness()
    cleanups.push(bind({ store, awareness: self, user: user('me', 'Me') }))
    await settle()
    expect(self.getLocalState()?.presence).toBeTruthy()
    expect(presences(store)).toEqual([])
  })

  it('skips invalid presence from a peer and keeps the others', async () => {
    const store = mountedStore()
    const self = awareness()
    const good = awareness()
    const bad = awareness()
    link(good, self)
    link(bad, self)
    const warnings: string[] = []
    cleanups.push(
      bind({
        store,
        awareness: self,
        user: user('me', 'Me'),
        warn: (m) => warnings.push(m),
      }),
    )
    cleanups.push(bind({ store: mountedStore(), awareness: good, user: user('good', 'Good') }))
    bad.setLocalState({ presence: { userName: 42, cursor: 'everywhere' } })
    bad.setLocalState({ presence: { userName: 43, cursor: 'everywhere' } })
    await settle()
    expect(presences(store).map((p) => p.userName)).toEqual(['Good'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(`peer ${bad.clientID}`)
  })

  it('removes the presence records it added when disposed', async () => {
    const store = mountedStore()
    const self = awareness()
    const peer = awareness()
    link(peer, self)
    cleanups.push(bind({ store: mountedStore(), awareness: peer, user: user('peer', 'Peer') }))
    const dispose = bind({ store, awareness: self, user: user('me', 'Me') })
    await settle()
    expect(presences(store)).toHaveLength(1)
    dispose()
    expect(presences(store)).toEqual([])
  })
})

describe('bindPresence keeps people truthfully', () => {
  it('hands the picked colour to the rest of the page, and takes it back when disposed', async () => {
    const self = awareness()
    const peer = awareness()
    link(peer, self)
    const peerColour = atom<string | null>('peer colour', null)
    cleanups.push(
      bindPresence({
        store: mountedStore(),
        awareness: peer,
        user: user('peer', 'Peer'),
        colour: peerColour,
      }),
    )
    await settle()
    const colour = atom<string | null>('colour', null)
    const dispose = bindPresence({
      store: mountedStore(),
      awareness: self,
      user: user('me', 'Me'),
      colour,
    })
    await settle()
    // The peer was there first with the board's first colour: this page takes the next one.
    expect(peerColour.get()).toBe(personPalette[0])
    expect(colour.get()).toBe(personPalette[1])
    expect(self.getLocalState()?.presence).toMatchObject({ color: personPalette[1] })
    dispose()
    expect(colour.get()).toBeNull()
  })

  it("renews its own state when a peer's update arrives and its own is 15 s old", async () => {
    const self = awareness()
    const peer = awareness()
    link(peer, self)
    let skew = 0
    cleanups.push(
      bind({
        store: mountedStore(),
        awareness: self,
        user: user('me', 'Me'),
        now: () => Date.now() + skew,
      }),
    )
    await settle()
    const clock = () => self.meta.get(self.clientID)?.clock
    const before = clock()
    peer.setLocalState({ user: { id: 'user:peer', name: 'Peer', color: '#d02b2b' } })
    expect(clock()).toBe(before)
    // A tab hidden for minutes: its 15 s timer is late, but the peer's renewal still arrives.
    skew = 16_000
    peer.setLocalState(peer.getLocalState())
    expect(clock()).toBe((before ?? 0) + 1)
  })

  it('shows a peer who drops out and comes back as idle as they were', async () => {
    const store = mountedStore()
    const self = awareness()
    const peer = awareness()
    link(peer, self)
    let now = 1_000
    cleanups.push(bind({ store, awareness: self, user: user('me', 'Me'), now: () => now }))
    cleanups.push(bind({ store: mountedStore(), awareness: peer, user: user('peer', 'Peer') }))
    await settle()
    expect(presences(store)[0]?.lastActivityTimestamp).toBe(1_000)

    // Our connection blips: awareness forgets the peer, then hears their unchanged state again.
    removeAwarenessStates(self, [peer.clientID], 'connection lost')
    expect(presences(store)).toEqual([])
    now = 95_000
    peer.setLocalState(peer.getLocalState())
    expect(presences(store)[0]?.lastActivityTimestamp).toBe(1_000)
  })
})

describe('presenceFromAwareness', () => {
  const store = createBoardStore()
  const base = async (lastActivityTimestamp: number | null) => {
    const aware = awareness()
    const dispose = bind({ store: mountedStore(), awareness: aware, user: user('a', 'A') })
    await settle()
    const presence = aware.getLocalState()?.presence as TLInstancePresence
    dispose()
    return { presence: { ...presence, lastActivityTimestamp } }
  }

  it("re-stamps activity with our clock, and only when the peer's activity changes", async () => {
    const farBehind = 1_000
    const first = presenceFromAwareness(store, 7, await base(farBehind), undefined, 50_000)
    expect(first).toMatchObject({ record: { lastActivityTimestamp: 50_000 } })
    if (first === null || !('clock' in first)) return
    const same = presenceFromAwareness(store, 7, await base(farBehind), first.clock, 90_000)
    expect(same).toMatchObject({ record: { lastActivityTimestamp: 50_000 } })
    const moved = presenceFromAwareness(store, 7, await base(farBehind + 5), first.clock, 95_000)
    expect(moved).toMatchObject({ record: { lastActivityTimestamp: 95_000 } })
  })

  it('returns null for peers without presence and an error for malformed presence', () => {
    expect(presenceFromAwareness(store, 1, null, undefined, 0)).toBeNull()
    expect(presenceFromAwareness(store, 1, { user: {} }, undefined, 0)).toBeNull()
    expect(presenceFromAwareness(store, 1, { presence: 'x' }, undefined, 0)).toEqual({
      error: 'presence is not an object',
    })
  })
})
