import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { listenToServerSync, sendSyncRequest } from './server-acks.ts'
import { changeOf, type UnsavedChanges } from './unsaved-changes.ts'
import { type KeyValueStorage, saveUnsaved } from './unsaved-storage.ts'

/**
 * Drives the unsaved-changes count (unsaved-changes.ts) from a live document and provider:
 * local transactions add changes, the server's state vectors (its step 1 on join, its stored
 * acknowledgements) and its answers to our own step 1 confirm them, and the list is kept
 * in storage so a reload still counts them (OFF-2).
 */

export interface UnsavedSyncOptions {
  doc: Y.Doc
  provider: WebsocketProvider
  tracker: UnsavedChanges
  /** Origins of transactions that are not this page's edits: the provider, the local copy. */
  remoteOrigins: readonly unknown[]
  /**
   * How long a sent change may wait for the server's acknowledgement before we ask the server
   * for a round trip (deletions are only ever confirmed that way). Longer than the server's
   * acknowledgement interval, so inserts are normally confirmed without asking.
   */
  requestDelayMs?: number
  /** Where the list is kept between page loads, and under which board. */
  storage?: { storage: KeyValueStorage; boardId: string } | null
  /** How often the list is written to storage at most; the last write always happens. */
  saveIntervalMs?: number
}

export interface UnsavedSync {
  /** Writes the list to storage now (the page is being hidden or closed). */
  save(): void
  /** Stops counting: no listeners, no timers; the tracker keeps what it has. */
  stop(): void
}

export function syncUnsavedChanges({
  doc,
  provider,
  tracker,
  remoteOrigins,
  requestDelayMs = 500,
  storage = null,
  saveIntervalMs = 250,
}: UnsavedSyncOptions): UnsavedSync {
  let requestTimer: ReturnType<typeof setTimeout> | null = null
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  /** The provider's own step 1 (sent when the socket opens) is answered before any of ours. */
  let awaitingOpenAnswer = false
  let stopped = false

  function scheduleRequest(): void {
    if (stopped || requestTimer !== null || !tracker.wantsRequest()) return
    // Only changes already sent when the wait starts may trigger the request: one typed a moment
    // ago is normally acknowledged by the server on its own.
    const sentBy = tracker.sendMark()
    requestTimer = setTimeout(() => {
      requestTimer = null
      if (tracker.wantsRequest(sentBy) && sendSyncRequest(provider)) tracker.requestSent()
      scheduleRequest()
    }, requestDelayMs)
  }

  function cancelRequest(): void {
    if (requestTimer !== null) clearTimeout(requestTimer)
    requestTimer = null
  }

  function save(): void {
    if (saveTimer !== null) clearTimeout(saveTimer)
    saveTimer = null
    if (storage === null) return
    saveUnsaved(storage.storage, storage.boardId, doc.clientID, {
      changes: tracker.pending(),
      serverVector: tracker.serverVector() === null ? null : new Map(tracker.serverVector()),
    })
  }

  const onTransaction = (transaction: Y.Transaction): void => {
    if (remoteOrigins.includes(transaction.origin)) return
    const change = changeOf(transaction)
    if (change === null) return
    tracker.add(change)
    scheduleRequest()
  }

  const onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') {
      awaitingOpenAnswer = true
      tracker.connected()
    } else if (status === 'disconnected') {
      awaitingOpenAnswer = false
      cancelRequest()
      tracker.disconnected()
    }
  }

  const stopListening = listenToServerSync(provider, {
    onServerState(stateVector, answered) {
      if (stopped) return
      tracker.serverState(stateVector, answered)
      scheduleRequest()
    },
    onServerAnswer() {
      if (stopped) return
      if (awaitingOpenAnswer) awaitingOpenAnswer = false
      else tracker.requestAnswered()
      scheduleRequest()
    },
  })

  const stopSaving = tracker.onChange(() => {
    if (storage === null || saveTimer !== null) return
    saveTimer = setTimeout(save, saveIntervalMs)
  })

  doc.on('afterTransaction', onTransaction)
  provider.on('status', onStatus)
  // Already open (connected before counting started): later changes go out as they are made.
  if (provider.wsconnected) tracker.connected()

  return {
    save,
    stop() {
      if (stopped) return
      stopped = true
      cancelRequest()
      save()
      stopSaving()
      stopListening()
      doc.off('afterTransaction', onTransaction)
      provider.off('status', onStatus)
    },
  }
}
