import { CloseCode, permanentCloseCodes } from '@stormline/shared/sync/close-codes'
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
import { sendOwnAwarenessOnly } from './own-awareness.ts'
import { bindPresence } from './presence.ts'
import { listenForReadOnlyNotice } from './read-only-notice.ts'
import { createYjsStoreBinding } from './yjs-store-binding.ts'

/**
 * Everything one open board needs: the Y.Doc, the websocket provider, the tldraw store and the
 * bindings between them, with a single dispose. Lives outside React so its lifecycle (load
 * once, clean up everything) is explicit and testable.
 */

export type BoardPhase = 'loading' | 'ready' | EndedPhase

/**
 * Ways a board can end for this page; none of them is retried. `link-invalid`: the token was
 * rotated or never valid (4401); `deleted`: the facilitator deleted the board (4410);
 * `edit-refused`: the server refused an edit as facilitator-only (4403), so the local document
 * now holds a change the board does not and must not be reused.
 */
export type EndedPhase = 'not-found' | 'link-invalid' | 'deleted' | 'edit-refused'

const endedByCloseCode: ReadonlyMap<number, EndedPhase> = new Map([
  [CloseCode.boardNotFound, 'not-found'],
  [CloseCode.unauthorized, 'link-invalid'],
  [CloseCode.boardDeleted, 'deleted'],
  [CloseCode.forbiddenEdit, 'edit-refused'],
])

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
  /** Opens the socket (when created with `connect: false`). */
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
    shouldReconnect: (event) => !permanentCloseCodes.has(event.code),
  })
  const stopOwnAwareness = sendOwnAwarenessOnly(provider)
  const binding = createYjsStoreBinding(store, doc, { seedRecords })
  const facts: ConnectionFacts = { connected: false, synced: false, loaded: false }
  const state = atom<BoardConnectionState>('board connection', {
    phase: 'loading',
    status: 'connecting',
    failedAttempts: 0,
  })
  const readOnly: Atom<boolean> = atom('board read-only', false)
  const stopReadOnlyNotice = listenForReadOnlyNotice(provider, () => readOnly.set(true))
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
      binding.loadInitial()
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

  function openSocket(): void {
    if (!disposed && !isEnded(state.get().phase)) provider.connect()
  }

  provider.on('status', onStatus)
  provider.on('sync', onSync)
  provider.on('closed', onClosed)
  provider.on('connection-close', () => update())
  if (typeof window !== 'undefined') {
    window.addEventListener('offline', onBrowserOffline)
    window.addEventListener('online', onBrowserOnline)
  }
  if (connect) openSocket()

  return {
    boardId,
    doc,
    provider,
    store,
    state,
    readOnly,
    connect: openSocket,
    dispose() {
      if (disposed) return
      if (typeof window !== 'undefined') {
        window.removeEventListener('offline', onBrowserOffline)
        window.removeEventListener('online', onBrowserOnline)
      }
      stopPresence?.()
      stopReadOnlyNotice()
      // Flush the last edits into the doc while the socket can still carry them.
      binding.dispose()
      disposed = true
      // Tell peers we left now rather than letting our cursor linger until awareness times out.
      provider.awareness.setLocalState(null)
      stopOwnAwareness()
      provider.destroy()
      provider.awareness.destroy()
      doc.destroy()
      store.dispose()
    },
  }
}
