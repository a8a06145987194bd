import { atom, type Signal } from 'tldraw'
import type * as Y from 'yjs'

/**
 * Counts this browser's changes the server has not stored yet (OFF-2), from what the server says
 * it holds. Pure bookkeeping: the provider events that drive it are wired in unsaved-sync.ts.
 *
 * A change is one local Yjs transaction. What it added is known by its clock: the change is
 * stored once the server's state vector (sent in a sync step 1 on join, and in a stored
 * acknowledgement after the server has stored our updates, ACK-1) reaches the clock it ended
 * at. State vectors say nothing about deletions, so a change that only deleted (a sticky
 * removed, a letter erased) is confirmed by a round trip instead: the server handles a
 * socket's messages in order, so once it answers a sync step 1 we sent after the change, it
 * has handled (stored, or refused and closed) the change. Any change is dropped by either
 * proof; inserts usually by the first, which costs nothing.
 */

/** A change as stored between page loads. */
export interface PendingChange {
  /**
   * Per client that the change added content for: its clock after the change. Empty for a
   * change that only deleted.
   */
  readonly ends: readonly (readonly [client: number, clock: number])[]
}

export interface UnsavedChanges {
  /** How many changes the server has not stored yet. */
  readonly count: Signal<number>
  /** A local change was made. */
  add(change: PendingChange): void
  /** The socket opened: changes made from now on are sent as they are made. */
  connected(): void
  /** The socket closed: nothing more is sent until the next connection's sync. */
  disconnected(): void
  /**
   * The server told its state vector. When `answered`, whatever it lacks goes back in the step 2
   * the provider answers with, so every change still pending counts as sent from here on.
   */
  serverState(stateVector: ReadonlyMap<number, number>, answered?: boolean): void
  /** We sent the server a sync step 1 of our own; its step 2 answer proves a round trip. */
  requestSent(): void
  /** The server answered the oldest request still open. */
  requestAnswered(): void
  /** Position in the send order now: changes sent so far are at or before it. */
  sendMark(): number
  /**
   * Some change was sent (at or before `sentBy`, when given) that no request sent after it
   * covers yet: worth asking.
   */
  wantsRequest(sentBy?: number): boolean
  /** The last state vector the server sent (this page or a stored one), or null. */
  serverVector(): ReadonlyMap<number, number> | null
  /** What to store so the count survives a reload. */
  pending(): PendingChange[]
  /** Forget everything (the board is gone, or this page only reads it). */
  clear(): void
  /** Called after every change of the pending list or the server vector. */
  onChange(listener: () => void): () => void
}

interface Entry {
  readonly change: PendingChange
  /** Position in the send order when the change went out on the current socket; null: not sent. */
  sentAt: number | null
}

export function coveredBy(change: PendingChange, vector: ReadonlyMap<number, number>): boolean {
  if (change.ends.length === 0) return false
  return change.ends.every(([client, clock]) => (vector.get(client) ?? 0) >= clock)
}

export interface UnsavedChangesOptions {
  /** Changes left over from an earlier page (a reload, a closed tab). */
  initial?: readonly PendingChange[]
  /** The last server state vector an earlier page saw. */
  serverVector?: ReadonlyMap<number, number> | null
}

export function createUnsavedChanges({
  initial = [],
  serverVector = null,
}: UnsavedChangesOptions = {}): UnsavedChanges {
  let entries: Entry[] = initial.map((change) => ({ change, sentAt: null }))
  let vector: Map<number, number> | null = serverVector ? new Map(serverVector) : null
  let live = false
  /** Increases with every send, so "sent before request r" is a comparison. */
  let sendOrder = 0
  /** Send positions of our requests still waiting for their answer, oldest first. */
  let requests: number[] = []
  const count = atom('unsaved changes', entries.length)
  const listeners = new Set<() => void>()

  function changed(): void {
    count.set(entries.length)
    for (const listener of listeners) listener()
  }

  function drop(keep: (entry: Entry) => boolean): void {
    const before = entries.length
    entries = entries.filter(keep)
    if (entries.length !== before) changed()
  }

  return {
    count,

    add(change) {
      entries.push({ change, sentAt: live ? ++sendOrder : null })
      changed()
    },

    connected() {
      live = true
    },

    disconnected() {
      live = false
      requests = []
      for (const entry of entries) entry.sentAt = null
    },

    serverState(stateVector, answered = true) {
      vector = new Map(stateVector)
      entries = entries.filter((entry) => !coveredBy(entry.change, stateVector))
      if (answered) for (const entry of entries) entry.sentAt ??= ++sendOrder
      changed()
    },

    requestSent() {
      requests.push(++sendOrder)
    },

    requestAnswered() {
      const mark = requests.shift()
      if (mark === undefined) return
      drop((entry) => entry.sentAt === null || entry.sentAt > mark)
    },

    sendMark: () => sendOrder,

    wantsRequest(sentBy = Number.POSITIVE_INFINITY) {
      const lastRequest = requests.at(-1) ?? 0
      return (
        live &&
        entries.some(({ sentAt }) => sentAt !== null && sentAt > lastRequest && sentAt <= sentBy)
      )
    },

    serverVector: () => vector,

    pending: () => entries.map((entry) => entry.change),

    clear() {
      requests = []
      if (entries.length === 0) return
      entries = []
      changed()
    },

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * What a finished transaction added, as a pending change; null when it changed nothing. Reads
 * the clocks Yjs tracks for every transaction, so no update needs encoding or decoding.
 */
export function changeOf(transaction: Y.Transaction): PendingChange | null {
  const ends: [number, number][] = []
  for (const [client, clock] of transaction.afterState) {
    if (clock > (transaction.beforeState.get(client) ?? 0)) ends.push([client, clock])
  }
  if (ends.length === 0 && transaction.deleteSet.clients.size === 0) return null
  return { ends }
}
