import { privateLayout, privateRoomSuffix } from '@stormline/shared/sync/private-layout'
import { type Atom, atom, type Signal } from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type EndedPhase, endedByCloseCode, webShouldReconnect } from '../sync/ended-phases.ts'
import { type PrivateMember, readPrivateMember } from './private-member.ts'

/**
 * This person's private document on the board (ADR 0013): their dots, ballots and silent-writing
 * drafts, which nobody else receives until the server publishes them. A stock y-websocket
 * provider on `/sync/<boardId>/private`; the browser sends the board's token and member cookies
 * with the handshake, so the server knows whose document it is. Nothing is kept in the browser:
 * the server holds the document and hands it back on every visit.
 */
export interface PrivateConnection {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** True while connected and in sync with the server's copy. */
  readonly synced: Signal<boolean>
  /**
   * True once the server's copy has arrived (and stays true while offline): from then on a
   * write builds on what this person wrote before, and reaches the server when it can.
   */
  readonly loaded: Signal<boolean>
  /** The server's word on who this page is (null until it arrived). */
  readonly member: Signal<PrivateMember | null>
  /** Set when the server closed the socket for good (same codes as the board's socket). */
  readonly ended: Signal<EndedPhase | null>
  /** Opens the socket (when created with `connect: false`). */
  connect(): void
  dispose(): void
}

export interface PrivateConnectionOptions {
  boardId: string
  /** The board connection's sync URL (board-connection.ts syncUrlFor). */
  syncUrl: string
  connect?: boolean
  /** Extra handshake parameters (the page sends its tldraw schema, as the board's socket does). */
  params?: Record<string, string>
  /** Tests connect to an in-memory server through this. */
  WebSocketPolyfill?: typeof WebSocket
}

export function privateRoomName(boardId: string): string {
  return `${boardId}/${privateRoomSuffix}`
}

export function openPrivateConnection({
  boardId,
  syncUrl,
  connect = true,
  params = {},
  WebSocketPolyfill,
}: PrivateConnectionOptions): PrivateConnection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, privateRoomName(boardId), doc, {
    connect: false,
    // Another tab of this browser is the same person, but it syncs through the server like
    // everything else: the server stores each change before relaying it.
    disableBc: true,
    shouldReconnect: (event) => webShouldReconnect(event.code),
    params,
    ...(WebSocketPolyfill ? { WebSocketPolyfill } : {}),
  })
  // Nobody else is on this document: there is no one to show a cursor to.
  provider.awareness.setLocalState(null)

  const synced: Atom<boolean> = atom('private doc synced', false)
  const loaded: Atom<boolean> = atom('private doc loaded', false)
  const ended: Atom<EndedPhase | null> = atom('private doc ended', null)
  const memberMap = doc.getMap<unknown>(privateLayout.member)
  const member: Atom<PrivateMember | null> = atom('private member', null)
  let disposed = false

  const followMember = (): void => {
    const next = readPrivateMember(memberMap.toJSON())
    const previous = member.get()
    const same =
      previous !== null &&
      next !== null &&
      previous.memberId === next.memberId &&
      previous.role === next.role &&
      previous.coFacilitator === next.coFacilitator
    if (!same && !(previous === null && next === null)) member.set(next)
  }
  memberMap.observe(followMember)

  const onSync = (isSynced: boolean): void => {
    if (disposed) return
    synced.set(isSynced)
    if (isSynced) loaded.set(true)
  }
  const onStatus = ({ status }: { status: string }): void => {
    if (!disposed && status !== 'connected') synced.set(false)
  }
  const onClosed = ({ code }: { code: number }): void => {
    const phase = endedByCloseCode.get(code)
    if (phase === undefined || disposed) return
    provider.disconnect()
    ended.set(phase)
  }
  provider.on('sync', onSync)
  provider.on('status', onStatus)
  provider.on('closed', onClosed)

  const open = (): void => {
    if (!disposed && ended.get() === null) provider.connect()
  }
  if (connect) open()

  return {
    boardId,
    doc,
    provider,
    synced,
    loaded,
    member,
    ended,
    connect: open,
    dispose() {
      if (disposed) return
      disposed = true
      memberMap.unobserve(followMember)
      provider.destroy()
      provider.awareness.destroy()
      doc.destroy()
    },
  }
}
