import type { MeResponse } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { CreatedBoard, Tally } from '@stormline/shared/api/types'
import { type VoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout, privateRoomSuffix } from '@stormline/shared/sync/private-layout'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardUrl } from './boards.ts'
import type { ServerProcess } from './server-process.ts'

/**
 * People on a board as ADR 0013 sees them, each a STOCK y-websocket client: a member minted by
 * the server (`POST /me`), its board socket on the shared document and its socket on its own
 * private document (`<boardId>/private`). What a modified client can do is what these can do, so
 * a test that writes as "Ada" has to be Ada's member: the server refuses anything else.
 */

type Server = Pick<ServerProcess, 'httpUrl' | 'wsUrl'>

// Each provider adds a process 'exit' listener (y-websocket in Node); a workshop opens a dozen.
process.setMaxListeners(Math.max(process.getMaxListeners(), 64))

/** `POST /me` with the role's link and no credential: a new person on the board. */
export async function newMember(
  server: Server,
  board: CreatedBoard,
  role: BoardRole = 'participant',
): Promise<MeResponse> {
  const response = await fetch(boardUrl(server, board, '/me', role), { method: 'POST' })
  if (response.status !== 200) throw new Error(`no member minted: ${response.status}`)
  return (await response.json()) as MeResponse
}

export interface StockClient {
  provider: WebsocketProvider
  doc: Y.Doc
  /** Close codes the server sent this client, in order. */
  closes: number[]
  /** Every binary frame the server sent, when connected with `record: true`. */
  received: Buffer[]
}

export interface ConnectOptions {
  /** The member credential (`?member=`); without one the server mints a member for the socket. */
  credential?: string
  /** The board's shared document (default) or the member's private one. */
  document?: 'shared' | 'private'
  /** Keep every frame the server sends (`received`), for tests that look at the wire. */
  record?: boolean
}

/** A `ws` WebSocket that keeps what the server sends; the provider using it stays stock. */
function recordingSocket(received: Buffer[]): typeof globalThis.WebSocket {
  class Recording extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: Buffer) => received.push(Buffer.from(data)))
    }
  }
  // ws's WebSocket is what a Node service would pass; the DOM type differs only in typings.
  return Recording as unknown as typeof globalThis.WebSocket
}

/** Opens stock clients for one test file and destroys them all at its end. */
export class StockClients {
  private readonly server: Server
  private readonly open: WebsocketProvider[] = []

  constructor(server: Server) {
    this.server = server
  }

  connect(board: CreatedBoard, role: BoardRole, options: ConnectOptions = {}): StockClient {
    const room = options.document === 'private' ? `${board.id}/${privateRoomSuffix}` : board.id
    const params: Record<string, string> = { token: board.tokens[role] }
    if (options.credential !== undefined) params.member = options.credential
    const received: Buffer[] = []
    const provider = new WebsocketProvider(`${this.server.wsUrl}/sync`, room, new Y.Doc(), {
      disableBc: true,
      maxBackoffTime: 200,
      params,
      WebSocketPolyfill: options.record
        ? recordingSocket(received)
        : (WebSocket as unknown as typeof globalThis.WebSocket),
    })
    const closes: number[] = []
    provider.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    this.open.push(provider)
    return { provider, doc: provider.doc, closes, received }
  }

  /** Shared and private client of one member, both synced. */
  async person(board: CreatedBoard, role: BoardRole, me: MeResponse): Promise<Person> {
    const shared = this.connect(board, role, { credential: me.credential })
    const own = this.connect(board, role, { credential: me.credential, document: 'private' })
    await Promise.all([synced(shared), synced(own)])
    return { me, shared, own }
  }

  destroyAll(): void {
    for (const provider of this.open.splice(0)) provider.destroy()
  }
}

/** One person: their member, their board client and their private-document client. */
export interface Person {
  me: MeResponse
  shared: StockClient
  own: StockClient
}

/** Polls until the condition holds; rejects naming what it waited for. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const started = Date.now()
  for (;;) {
    if (await condition()) return
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export const synced = (client: StockClient): Promise<void> =>
  eventually(() => client.provider.synced, 'initial sync')

export const sessionOf = (client: StockClient): Y.Map<unknown> =>
  client.doc.getMap<unknown>(docLayout.session)

export function setVote(facilitator: StockClient, vote: VoteSession): void {
  sessionOf(facilitator).set(voteSessionKey, vote)
}

/** A person's dots: the one entry of their private `votes` map. */
export function castDots(own: StockClient, round: number, dots: Record<string, number>): void {
  own.doc.getMap(privateLayout.votes).set(myVotesKey, { round, dots })
}

/** A person's planning-poker ballot for a target, in their private `ballots` map. */
export function castBallot(
  own: StockClient,
  targetId: string,
  ballot: { value: number | null; effort: number | null; name: string },
): void {
  own.doc.getMap(privateLayout.ballots).set(targetId, ballot)
}

/** `GET /tally` as the facilitator: the live counts of what is still secret. */
export async function facilitatorTally(server: Server, board: CreatedBoard): Promise<Tally> {
  const response = await fetch(boardUrl(server, board, '/tally'))
  if (response.status !== 200) throw new Error(`tally refused: ${response.status}`)
  return (await response.json()) as Tally
}
