import {
  atom,
  createUserId,
  type TLInstancePresence,
  type TLRecord,
  type TLStore,
  type TLUser,
  UserRecordType,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindPresence, presenceFromAwareness, presenceIdForClient } from './presence.ts'
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
    cleanups.push(
      bindPresence({ store: aliceStore, awareness: alice, user: user('alice', 'Alice') }),
    )
    cleanups.push(bindPresence({ store: bobStore, awareness: bob, user: user('bob', 'Bob') }))
    await settle()

    const [seenByBob] = presences(bobStore)
    expect(seenByBob).toMatchObject({
      id: presenceIdForClient(alice.clientID),
      userId: 'user:alice',
      userName: 'Alice',
      color: '#1971c2',
      currentPageId: 'page:page',
      cursor: { x: 0, y: 0 },
    })
    expect(presences(bobStore)).toHaveLength(1)
    expect(alice.getLocalState()).toMatchObject({
      user: { id: 'user:alice', name: 'Alice', color: '#1971c2' },
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
    cleanups.push(
      bindPresence({ store: aliceStore, awareness: alice, user: aliceUser, throttleMs: 1 }),
    )
    cleanups.push(bindPresence({ store: bobStore, awareness: bob, user: user('bob', 'Bob') }))

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
    cleanups.push(bindPresence({ store, awareness: self, user: user('me', 'Me') }))
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
      bindPresence({
        store,
        awareness: self,
        user: user('me', 'Me'),
        warn: (m) => warnings.push(m),
      }),
    )
    cleanups.push(
      bindPresence({ store: mountedStore(), awareness: good, user: user('good', 'Good') }),
    )
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
    cleanups.push(
      bindPresence({ store: mountedStore(), awareness: peer, user: user('peer', 'Peer') }),
    )
    const dispose = bindPresence({ store, awareness: self, user: user('me', 'Me') })
    await settle()
    expect(presences(store)).toHaveLength(1)
    dispose()
    expect(presences(store)).toEqual([])
  })
})

describe('presenceFromAwareness', () => {
  const store = createBoardStore()
  const base = async (lastActivityTimestamp: number | null) => {
    const aware = awareness()
    const dispose = bindPresence({ store: mountedStore(), awareness: aware, user: user('a', 'A') })
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
