import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { throttle } from './throttle.ts'

/**
 * Presence (cursor, selection, current page, name, colour) travels over Yjs awareness, not the
 * doc: it is ephemeral, and awareness drops a peer's state when they leave or go silent.
 *
 * Our awareness state carries `user` ({ id, name, color }) and `presence`, a tldraw
 * instance_presence record. Each peer's record is put into the store under an id derived from
 * its awareness client id, which is what tldraw renders as collaborator cursors.
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
}: PresenceBindingOptions): () => void {
  const ownClientId = awareness.clientID
  const clocks = new Map<number, ActivityClock>()
  const shown = new Set<TLInstancePresence['id']>()
  const complained = new Set<number>()

  // Local -> awareness.
  const $presence = createPresenceStateDerivation(user)(store)
  const publish = throttle(() => {
    const current = user.get()
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
    user.get()
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
      clocks.delete(clientId)
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

  const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }): void =>
    applyAwareness([...changes.added, ...changes.updated], changes.removed)
  awareness.on('change', onChange)
  applyAwareness(awareness.getStates().keys(), [])

  return () => {
    disposed = true
    awareness.off('change', onChange)
    stopPublishing()
    publish.cancel()
    const ids = [...shown].filter((id) => store.has(id))
    shown.clear()
    if (ids.length > 0) store.mergeRemoteChanges(() => store.remove(ids))
  }
}
