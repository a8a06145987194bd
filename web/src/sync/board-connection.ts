import { isDraftRecord } from '@stormline/shared/board/silent-writing'
import { encodeSchemaParam, schemaParamName } from '@stormline/shared/sync/schema-compat'
import type { Atom } from 'tldraw'
import {
  atom,
  createTLStore,
  defaultBindingUtils,
  type Signal,
  type TLRecord,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { customShapeUtils, withDefaultShapeUtils } from '../timeline/index.ts'
import {
  type ConnectionFacts,
  type ConnectionStatus,
  connectionStatus,
} from './connection-status.ts'
import {
  asksBeforeLeaving,
  type EndedPhase,
  endedByCloseCode,
  localCopyAfter,
  webShouldReconnect,
} from './ended-phases.ts'
import type { LiveTextHook } from './live-text.ts'
import { hasIndexedDb, type LocalBoardCopy, openLocalCopy } from './offline-store.ts'
import { sendOwnAwarenessOnly } from './own-awareness.ts'
import { bindPresence } from './presence.ts'
import { listenForReadOnlyNotice } from './read-only-notice.ts'
import type { BoardUndo } from './undo-manager.ts'
import { createUnsavedChanges } from './unsaved-changes.ts'
import {
  adoptStoredUnsaved,
  browserStorage,
  clearStoredUnsaved,
  type KeyValueStorage,
} from './unsaved-storage.ts'
import { syncUnsavedChanges, type UnsavedSync } from './unsaved-sync.ts'
import { type UnsentChangesFile, unsentChangesFile } from './unsent-download.ts'
import { createYjsStoreBinding } from './yjs-store-binding.ts'

export type { EndedPhase } from './ended-phases.ts'

/**
 * Everything one open board needs: the Y.Doc, the websocket provider, the tldraw store and the
 * bindings between them, with a single dispose. Lives outside React so its lifecycle (load
 * once, clean up everything) is explicit and testable.
 */

/** `loading` until the first sync, then `ready`; an ended phase (ended-phases.ts) is final. */
export type BoardPhase = 'loading' | 'ready' | EndedPhase

export function isEnded(phase: BoardPhase): phase is EndedPhase {
  return phase !== 'loading' && phase !== 'ready'
}

export interface BoardConnectionState {
  phase: BoardPhase
  status: ConnectionStatus
  /** Consecutive failed connection attempts; lets the loading screen admit it is struggling. */
  failedAttempts: number
}

export interface BoardConnection {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly store: TLStore
  readonly state: Signal<BoardConnectionState>
  /** True once the server said this socket may only read (a viewer, or a role taken away). */
  readonly readOnly: Signal<boolean>
  /** How many of this browser's changes the server has not stored yet (OFF-2). */
  readonly unsaved: Signal<number>
  /** Undo and redo of this browser's own edits only (UNDO-1..3); tldraw's actions call these. */
  readonly undo: BoardUndo
  /** Lets the editor take peers' text changes in place while someone types (live-text.ts). */
  setLiveTextHook(hook: LiveTextHook | null): void
  /** The unsaved changes as a file to download (OFF-3), or null when there are none. */
  unsentChanges(): UnsentChangesFile | null
  /** Whether leaving the page now would lose changes, so it should ask first. */
  asksBeforeLeaving(): boolean
  /**
   * Call before reloading or leaving on purpose (a Reload button): the page stops asking, and
   * the promise resolves once the board's copy in this browser is cleared where the way the
   * board ended requires it, so the next page does not load what was refused.
   */
  prepareToLeave(): Promise<void>
  /**
   * Opens the socket (when created with `connect: false`), once the board's copy in this
   * browser is loaded.
   */
  connect(): void
  dispose(): void
}

export interface BoardConnectionOptions {
  boardId: string
  /** e.g. wss://stormline.example/sync; the board id is appended as the last path segment. */
  syncUrl: string
  /** The local participant as tldraw sees them: attribution and presence. */
  user: Signal<TLUser | null>
  /** False leaves opening the socket to `connect()`; tests use it to drive events by hand. */
  connect?: boolean
  /** What the board starts with if it is empty when first loaded: its template's layout. */
  seedRecords?: readonly TLRecord[]
  /**
   * Keep the board in this browser's IndexedDB between pages (OFF-1). Default: where IndexedDB
   * exists (not in Node tests).
   */
  localCopy?: boolean
  /** Where the unsaved-changes list is kept between pages. Default: localStorage, where it exists. */
  unsavedStorage?: KeyValueStorage | null
  /** The page may only read the board (a viewer): it never has unsaved changes. */
  viewer?: boolean
  /** Tests connect to an in-memory server through this (y-websocket's option of that name). */
  WebSocketPolyfill?: typeof WebSocket
}

export function syncUrlFor(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`
}

export function openBoardConnection({
  boardId,
  syncUrl,
  user,
  connect = true,
  seedRecords = [],
  localCopy: keepLocalCopy = hasIndexedDb(),
  unsavedStorage = browserStorage(),
  viewer = false,
  WebSocketPolyfill,
}: BoardConnectionOptions): BoardConnection {
  const doc = new Y.Doc()
  const store = createTLStore({
    shapeUtils: withDefaultShapeUtils(customShapeUtils),
    bindingUtils: defaultBindingUtils,
    users: { currentUser: user },
    // Turns on tldraw's multiplayer UI (people menu, cursor chat, follow). Status stays null:
    // our own pill reports the connection, and two offline indicators would be one too many.
    collaboration: { status: null },
  })
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    connect: false,
    // Tabs of one browser would otherwise sync with each other directly, which keeps edits
    // flowing while "offline" and makes the connection status lie. The server is the hub.
    disableBc: true,
    // After a final close (44xx, and 1009: the same too-large edit would be sent again forever)
    // the page shows a final state instead of reconnecting (CLOSE-3).
    shouldReconnect: (event) => webShouldReconnect(event.code),
    // Tells the server which tldraw schema this app reads and writes: an app older than the
    // board is told to reload (4426) instead of mis-reading it (schema-compat.ts).
    params: { [schemaParamName]: encodeSchemaParam(store.schema.serialize()) },
    ...(WebSocketPolyfill ? { WebSocketPolyfill } : {}),
  })
  // Loaded before the socket opens: edits an earlier page made offline are then in the doc, and
  // the provider's first sync sends them.
  const localCopy: LocalBoardCopy | null = keepLocalCopy ? openLocalCopy(boardId, doc) : null
  let localCopyLoaded = localCopy === null
  let connectWhenLoaded = false
  let localCopyCleared: Promise<void> = Promise.resolve()
  let leaving = false

  const storage = viewer ? null : unsavedStorage
  const stored = storage
    ? adoptStoredUnsaved(storage, boardId, doc.clientID)
    : { changes: [], serverVector: null }
  const unsaved = createUnsavedChanges({
    initial: stored.changes,
    serverVector: stored.serverVector,
  })
  // Before the unsaved count starts listening: the read-only notice takes over the auth message
  // handler, and the count's listener (server-acks.ts) wraps it, since stored acknowledgements
  // are auth messages too. The other way round, the notice would cut the acknowledgements off.
  const readOnly: Atom<boolean> = atom('board read-only', false)
  const stopReadOnlyNotice = listenForReadOnlyNotice(provider, () => {
    readOnly.set(true)
    // The server drops this page's writes and will never acknowledge them.
    unsaved.clear()
    stopCountingUnsaved()
  })
  let unsavedSync: UnsavedSync | null = viewer
    ? null
    : syncUnsavedChanges({
        doc,
        provider,
        tracker: unsaved,
        remoteOrigins: [provider, localCopy?.origin],
        storage: storage && { storage, boardId },
      })
  function stopCountingUnsaved(): void {
    unsavedSync?.stop()
    unsavedSync = null
  }
  const stopOwnAwareness = sendOwnAwarenessOnly(provider)
  // Silent-writing drafts stay out of the board's doc: they live in their author's private
  // document until the server publishes them (silent/draft-binding.ts).
  const binding = createYjsStoreBinding(store, doc, { seedRecords, isLocalOnly: isDraftRecord })
  const facts: ConnectionFacts = { connected: false, synced: false, loaded: false }
  const state = atom<BoardConnectionState>('board connection', {
    phase: 'loading',
    status: 'connecting',
    failedAttempts: 0,
  })
  let stopPresence: (() => void) | null = null
  let disposed = false

  function update(patch: Partial<BoardConnectionState> = {}): void {
    if (disposed) return
    const previous = state.get()
    state.set({
      ...previous,
      status: connectionStatus(facts),
      failedAttempts: provider.wsUnsuccessfulReconnects,
      ...patch,
    })
  }

  function end(phase: EndedPhase): void {
    provider.disconnect()
    // The count stays as it was: what the ended page offers to download.
    stopCountingUnsaved()
    if (phase === 'not-found' || phase === 'deleted') unsaved.clear()
    if (localCopyAfter(phase) === 'clear') {
      if (storage) clearStoredUnsaved(storage, boardId)
      localCopyCleared = localCopy?.clear() ?? Promise.resolve()
    }
    update({ phase })
  }

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    facts.connected = status === 'connected'
    if (!facts.connected) facts.synced = false
    update()
  }

  const onSync = (isSynced: boolean): void => {
    facts.synced = isSynced
    if (isSynced && !facts.loaded && state.get().phase === 'loading') {
      // First sync only; the provider re-syncs after each reconnect and must not reload.
      if (binding.loadInitial() === 'reload-required') {
        // The board's records are in a newer tldraw schema than this app reads.
        end('reload-required')
        return
      }
      stopPresence = bindPresence({ store, awareness: provider.awareness, user })
      facts.loaded = true
      update({ phase: 'ready' })
      return
    }
    update()
  }

  const onClosed = ({ code }: { code: number }): void => {
    const ended = endedByCloseCode.get(code)
    if (ended !== undefined) end(ended)
  }

  // Playwright's and browsers' "offline" switch does not always kill an open socket, and a dead
  // socket is otherwise only noticed after 30 s of silence. Drop it so the status follows the
  // network, and retry at once when the network returns instead of waiting out the backoff.
  const onBrowserOffline = (): void => provider.ws?.close()
  const onBrowserOnline = (): void => {
    if (!isEnded(state.get().phase) && provider.shouldConnect) provider.connect()
  }
  // Closing or hiding the tab may be the last chance to store the list.
  const onPageHide = (): void => unsavedSync?.save()

  function openSocket(): void {
    if (disposed || isEnded(state.get().phase)) return
    if (!localCopyLoaded) {
      connectWhenLoaded = true
      return
    }
    provider.connect()
  }

  void localCopy?.loaded.then(() => {
    localCopyLoaded = true
    if (connectWhenLoaded) openSocket()
  })

  provider.on('status', onStatus)
  provider.on('sync', onSync)
  provider.on('closed', onClosed)
  provider.on('connection-close', () => update())
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onBrowserOffline)
    window.addEventListener('online', onBrowserOnline)
    window.addEventListener('pagehide', onPageHide)
  }
  if (connect) openSocket()

  return {
    boardId,
    doc,
    provider,
    store,
    state,
    readOnly,
    unsaved: unsaved.count,
    undo: binding.undoManager,
    setLiveTextHook: (hook) => binding.setLiveTextHook(hook),
    unsentChanges() {
      const count = unsaved.count.get()
      if (count === 0) return null
      return unsentChangesFile({
        boardId,
        doc,
        serverVector: unsaved.serverVector(),
        unsavedChanges: count,
      })
    },
    asksBeforeLeaving() {
      return !leaving && asksBeforeLeaving(state.get().phase, unsaved.count.get())
    },
    prepareToLeave() {
      leaving = true
      return localCopyCleared
    },
    connect: openSocket,
    dispose() {
      if (disposed) return
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', onBrowserOffline)
        window.removeEventListener('online', onBrowserOnline)
        window.removeEventListener('pagehide', onPageHide)
      }
      stopPresence?.()
      stopReadOnlyNotice()
      // Local edits are already in the doc (written synchronously); this also drops the undo stack.
      binding.dispose()
      // Stores the list as it stands; what is still unsaved is counted again by the next page.
      stopCountingUnsaved()
      disposed = true
      // Tell peers we left now rather than letting our cursor linger until awareness times out.
      provider.awareness.setLocalState(null)
      stopOwnAwareness()
      provider.destroy()
      provider.awareness.destroy()
      // After the doc's last update: the copy keeps everything up to here.
      localCopy?.destroy()
      doc.destroy()
      store.dispose()
    },
  }
}
