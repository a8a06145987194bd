import {
  type Atom,
  computed,
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { type Awareness, outdatedTimeout } from 'y-protocols/awareness'
import { type ColourHolder, chooseColour } from '../presence/colour-assignment.ts'
import { boardColour } from '../presence/own-colour.ts'
import { personPalette, readableColour } from '../presence/person-palette.ts'
import { throttle } from './throttle.ts'

/**
 * Presence (cursor, selection, current page, name, colour) travels over Yjs awareness, not the
 * doc: it is ephemeral, and awareness drops a peer's state when they leave or go silent.
 *
 * Our awareness state carries `user` ({ id, name, color }) and `presence`, a tldraw
 * instance_presence record; the server adds `role` (awareness-policy.ts). Each peer's record is
 * put into the store under an id derived from its awareness client id, which is what tldraw
 * renders as collaborator cursors.
 *
 * Someone who sits still is still here. Awareness forgets a peer whose state was not renewed
 * for 30 s, and y-protocols renews every 15 s from a timer, which browsers slow to once a
 * minute in a tab that has been hidden for five: so this page also renews whenever a peer's
 * update comes in, which background tabs do handle at once. Which colour a person shows is
 * chosen here too, against everyone present (colour-assignment.ts).
 */

export interface AwarenessUser {
  id: string
  name: string
  color: string
}

/** The fields of an awareness state this app reads and writes. */
export interface StormlineAwarenessState {
  user?: AwarenessUser | null
  presence?: TLInstancePresence | null
}

export interface PresenceBindingOptions {
  store: TLStore
  awareness: Awareness
  /** The current user; presence is withheld while it is null. */
  user: Signal<TLUser | null>
  /** Minimum time between two presence broadcasts. */
  throttleMs?: number
  now?: () => number
  warn?: (message: string) => void
  /** The colours handed out on the board. */
  palette?: readonly string[]
  /** Where the colour this page picked is kept for the rest of its UI (own-colour.ts). */
  colour?: Atom<string | null>
}

export function presenceIdForClient(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(`awareness-${clientId}`)
}

interface ActivityClock {
  remote: number | null
  local: number | null
}

/**
 * Validates a peer's advertised presence and files it under the peer's client id. tldraw hides
 * collaborators whose last activity is older than a minute; comparing a peer's clock with ours
 * would hide everyone whose laptop clock runs behind, so activity is re-stamped with our own
 * clock whenever the peer reports new activity.
 */
export function presenceFromAwareness(
  store: TLStore,
  clientId: number,
  state: unknown,
  clock: ActivityClock | undefined,
  now: number,
): { record: TLInstancePresence; clock: ActivityClock } | { error: string } | null {
  if (typeof state !== 'object' || state === null) return null
  const presence = (state as { presence?: unknown }).presence
  if (presence === undefined || presence === null) return null
  if (typeof presence !== 'object') return { error: 'presence is not an object' }

  const remote = (presence as { lastActivityTimestamp?: unknown }).lastActivityTimestamp
  const remoteStamp = typeof remote === 'number' ? remote : null
  const local =
    remoteStamp === null
      ? null
      : clock !== undefined && clock.remote === remoteStamp
        ? clock.local
        : now
  try {
    // The store's record types are typed by the whole record union; this one is presence.
    const record = store.schema.types.instance_presence.validate({
      ...presence,
      id: presenceIdForClient(clientId),
      typeName: 'instance_presence',
      lastActivityTimestamp: local,
    }) as TLInstancePresence
    return { record, clock: { remote: remoteStamp, local } }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

export function bindPresence({
  store,
  awareness,
  user,
  throttleMs = 40,
  now = Date.now,
  warn = (message) => console.warn(message),
  palette = personPalette,
  colour = boardColour,
}: PresenceBindingOptions): () => void {
  const ownClientId = awareness.clientID
  // Kept after a peer leaves: when they come back (a reconnect keeps the client id) with the
  // same activity stamp, they are still as idle as before rather than suddenly active.
  const clocks = new Map<number, ActivityClock>()
  const shown = new Set<TLInstancePresence['id']>()
  const complained = new Set<number>()

  // The user as everyone sees them: in the colour picked on this board.
  const $user = computed('stormline: presence user', () => {
    const current = user.get()
    const picked = colour.get()
    return current && picked !== null && picked !== current.color
      ? { ...current, color: picked }
      : current
  })

  function reconsiderColour(): void {
    const current = user.get()
    if (current === null) return
    const others: ColourHolder[] = []
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === ownClientId) continue
      const peer = (state as StormlineAwarenessState).user
      if (typeof peer !== 'object' || peer === null || typeof peer.id !== 'string') continue
      others.push({ clientId, userId: peer.id, colour: readableColour(peer.color) })
    }
    const next = chooseColour({
      self: { clientId: ownClientId, userId: current.id },
      current: colour.get(),
      others,
      palette,
    })
    if (next !== colour.get()) colour.set(next)
  }

  // Local -> awareness.
  const $presence = createPresenceStateDerivation($user)(store)
  const publish = throttle(() => {
    const current = $user.get()
    const state: StormlineAwarenessState = {
      user: current && { id: current.id, name: current.name, color: current.color },
      presence: $presence.get(),
    }
    awareness.setLocalState({ ...awareness.getLocalState(), ...state })
  }, throttleMs)
  // The reactor only notes that something changed. Broadcasting happens in a microtask, outside
  // the reactor: awareness listeners run synchronously and may merge into a store, and doing
  // that while the reactor is capturing would tangle the two stores' dependency graphs.
  let publishQueued = false
  let disposed = false
  const stopPublishing = react('stormline: publish presence', () => {
    $user.get()
    $presence.get()
    if (publishQueued) return
    publishQueued = true
    queueMicrotask(() => {
      publishQueued = false
      if (!disposed) publish()
    })
  })

  // Awareness -> store.
  function applyAwareness(changed: Iterable<number>, removed: Iterable<number>): void {
    const states = awareness.getStates()
    const puts: TLInstancePresence[] = []
    const removals = new Set<TLInstancePresence['id']>()
    for (const clientId of changed) {
      if (clientId === ownClientId) continue
      const id = presenceIdForClient(clientId)
      const result = presenceFromAwareness(
        store,
        clientId,
        states.get(clientId),
        clocks.get(clientId),
        now(),
      )
      if (result !== null && 'record' in result) {
        complained.delete(clientId)
        clocks.set(clientId, result.clock)
        puts.push(result.record)
        shown.add(id)
        continue
      }
      // A broken peer re-sends its state with every pointer move; say so once, not 30 times a second.
      if (result !== null && !complained.has(clientId)) {
        complained.add(clientId)
        warn(`[stormline] ignored presence of peer ${clientId}: ${result.error}`)
      }
      if (shown.delete(id)) removals.add(id)
    }
    for (const clientId of removed) {
      if (clientId === ownClientId) continue
      complained.delete(clientId)
      const id = presenceIdForClient(clientId)
      if (shown.delete(id)) removals.add(id)
    }
    if (puts.length === 0 && removals.size === 0) return
    store.mergeRemoteChanges(() => {
      const present = [...removals].filter((id) => store.has(id))
      if (present.length > 0) store.remove(present)
      if (puts.length > 0) store.put(puts)
    })
  }

  const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }): void => {
    reconsiderColour()
    applyAwareness([...changes.added, ...changes.updated], changes.removed)
  }
  // Every update from the server counts, renewals included: they arrive every 15 s per peer.
  const onUpdate = (_changes: unknown, origin: unknown): void => {
    if (origin === 'local' || origin === 'timeout' || awareness.getLocalState() === null) return
    const renewed = awareness.meta.get(ownClientId)?.lastUpdated
    if (renewed !== undefined && now() - renewed >= outdatedTimeout / 2) {
      awareness.setLocalState(awareness.getLocalState())
    }
  }
  awareness.on('change', onChange)
  awareness.on('update', onUpdate)
  reconsiderColour()
  applyAwareness(awareness.getStates().keys(), [])

  return () => {
    disposed = true
    awareness.off('change', onChange)
    awareness.off('update', onUpdate)
    colour.set(null)
    stopPublishing()
    publish.cancel()
    const ids = [...shown].filter((id) => store.has(id))
    shown.clear()
    if (ids.length > 0) store.mergeRemoteChanges(() => store.remove(ids))
  }
}
