import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import { stickyRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type Cluster, startCluster } from './support/cluster.ts'
import type { ObservedServer } from './support/observed-server.ts'
import {
  castDots,
  eventually,
  facilitatorTally,
  newMember,
  type StockClient,
  StockClients,
  sessionOf,
  setVote,
  synced,
} from './support/stock-clients.ts'

/**
 * Scale-out mode (issue #15, ADR 0014): real server processes on loopback sharing one PostgreSQL
 * database and one Redis. Every client here is a stock y-websocket client, as a browser behind a
 * load balancer would be; "moving to another node" is what the balancer does after a node dies.
 */

const run = promisify(execFile)
const cli = new URL('../src/cli/export-backlog.ts', import.meta.url).pathname

let cluster: Cluster
let nodeA: ObservedServer
let nodeB: ObservedServer
const clientsOf = new Map<ObservedServer, StockClients>()

function clients(node: ObservedServer): StockClients {
  let found = clientsOf.get(node)
  if (!found) {
    found = new StockClients(node)
    clientsOf.set(node, found)
  }
  return found
}

beforeAll(async () => {
  // Small compaction thresholds, so both nodes fold the log during the tests (one at a time).
  cluster = await startCluster(2, { COMPACT_EVERY_UPDATES: '25', COMPACT_QUIET_MS: '300' })
  ;[nodeA, nodeB] = cluster.nodes as [ObservedServer, ObservedServer]
}, 60_000)

afterAll(async () => {
  for (const set of clientsOf.values()) set.destroyAll()
  await cluster?.dispose()
})

const recordsOf = (client: StockClient): Y.Map<unknown> => client.doc.getMap(docLayout.records)

function writeSticky(client: StockClient, id: string, text = id): void {
  recordsOf(client).set(id, encodeRecord(stickyRecord(id, { text })))
}

const keysOf = (client: StockClient): string[] => [...recordsOf(client).keys()].sort()

describe('several nodes serve one board', () => {
  it('relays edits and presence between clients on different nodes', async () => {
    const board = await createBoard(nodeA, { name: 'Two nodes', template: 'blank' })
    const ann = clients(nodeA).connect(board, 'participant')
    const bob = clients(nodeB).connect(board, 'participant')
    await Promise.all([synced(ann), synced(bob)])

    writeSticky(ann, 'shape:from-a')
    writeSticky(bob, 'shape:from-b')
    await eventually(
      () => keysOf(ann).length === 2 && keysOf(bob).length === 2,
      'edits crossing nodes',
    )
    expect(keysOf(ann)).toEqual(keysOf(bob))

    ann.provider.awareness.setLocalStateField('user', { name: 'Ann' })
    await eventually(
      () =>
        [...bob.provider.awareness.getStates().values()].some(
          (state) => (state.user as { name?: string } | undefined)?.name === 'Ann',
        ),
      'Ann’s presence on node B',
    )
    // Leaving crosses nodes too: Ann's cursor must not linger on B.
    const annId = ann.doc.clientID
    ann.provider.disconnect()
    await eventually(() => !bob.provider.awareness.getStates().has(annId), 'Ann gone on node B')
  })

  it('shows a node that loads the board later what the others hold, presence included', async () => {
    const board = await createBoard(nodeA, { name: 'Late node', template: 'blank' })
    const ann = clients(nodeA).connect(board, 'participant')
    await synced(ann)
    ann.provider.awareness.setLocalStateField('user', { name: 'Ann' })
    for (let i = 0; i < 40; i++) writeSticky(ann, `shape:${i}`)
    const bob = clients(nodeB).connect(board, 'participant')
    await synced(bob)
    await eventually(() => keysOf(bob).length === 40, 'the board on node B')
    await eventually(
      () =>
        [...bob.provider.awareness.getStates().values()].some(
          (state) => (state.user as { name?: string } | undefined)?.name === 'Ann',
        ),
      'presence asked for by the node that joined',
    )
  })

  it('closes sockets on every node when a link is renewed or the board deleted', async () => {
    const board = await createBoard(nodeA, { name: 'Renewed', template: 'blank' })
    const onA = clients(nodeA).connect(board, 'participant')
    const onB = clients(nodeB).connect(board, 'participant')
    const facilitatorOnB = clients(nodeB).connect(board, 'facilitator')
    await Promise.all([synced(onA), synced(onB), synced(facilitatorOnB)])

    const rotated = await fetch(boardUrl(nodeA, board, '/links/rotate'), {
      method: 'POST',
      body: JSON.stringify({ roles: ['participant'] }),
    })
    expect(rotated.status).toBe(200)
    await expect.poll(() => onB.closes[0], { timeout: 10_000 }).toBe(CloseCode.unauthorized)
    await expect.poll(() => onA.closes[0], { timeout: 10_000 }).toBe(CloseCode.unauthorized)
    expect(facilitatorOnB.closes).toEqual([])

    const deleted = await fetch(boardUrl(nodeA, board), { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    await expect
      .poll(() => facilitatorOnB.closes[0], { timeout: 10_000 })
      .toBe(CloseCode.boardDeleted)
    const gone = await fetch(boardUrl(nodeB, board))
    expect(gone.status).toBe(404)
  })

  it('counts a sealed vote once per person, whichever node each person is on', async () => {
    const board = await createBoard(nodeA, { name: 'Vote across nodes', template: 'blank' })
    const facilitator = clients(nodeA).connect(board, 'facilitator')
    await synced(facilitator)
    writeSticky(facilitator, 'shape:pain')
    setVote(facilitator, { status: 'open', budget: 3, round: 1 })
    const people = []
    for (const [index, node] of [nodeA, nodeB, nodeB].entries()) {
      const me = await newMember(node, board)
      const person = await clients(node).person(board, 'participant', me)
      castDots(person.own, 1, { 'shape:pain': index + 1 })
      people.push(person)
    }
    // One member on two nodes: a tab on A sees the dots their tab on B placed.
    const last = people[2]
    if (!last) throw new Error('no third person')
    const sameMemberOnA = clients(nodeA).connect(board, 'participant', {
      credential: last.me.credential,
      document: 'private',
    })
    await synced(sameMemberOnA)
    await eventually(
      () => sameMemberOnA.doc.getMap('votes').size === 1,
      'the member’s own dots on their other node',
    )
    // Closed on node A while two of the three voted on node B: all three are counted.
    await eventually(async () => {
      const response = await fetch(boardUrl(nodeA, board, '/tally'))
      const tally = (await response.json()) as { voters?: number; votes?: { voters?: number } }
      return JSON.stringify(tally).includes('"voters":3')
    }, 'three voters in the tally')
    // People connected to node B count as present on node A (known by their relayed presence):
    // the facilitator and the three participants have not added a sticky of their own.
    await eventually(
      async () => (await facilitatorTally(nodeA, board)).presentWithoutStickies === 4,
      'everyone present, whichever node they are on',
    )
    setVote(facilitator, { status: 'closed', budget: 3, round: 1 })
    const watcher = clients(nodeB).connect(board, 'viewer')
    await synced(watcher)
    await eventually(() => {
      const result = readVoteResult(sessionOf(watcher).get(voteResultKey))
      return result?.round === 1 && result.voters === 3
    }, 'the published result on node B')
    expect(readVoteResult(sessionOf(watcher).get(voteResultKey))?.dots).toEqual({
      'shape:pain': 6,
    })
  })
})

describe('reads on any node', () => {
  it('answers the backlog, the model and the CLI export the same from every node', async () => {
    const board = await createBoard(nodeA, { name: 'Backlog anywhere', template: 'blank' })
    const writer = clients(nodeA).connect(board, 'facilitator')
    await synced(writer)
    writeSticky(writer, 'shape:kept', 'kept everywhere')
    // Once node B serves it (stored before relayed), every node's API reads the same board.
    const reader = clients(nodeB).connect(board, 'viewer')
    await synced(reader)
    await eventually(() => recordsOf(reader).has('shape:kept'), 'the sticky on node B')
    // Links in a backlog name the origin that served it: compared with it taken out.
    const read = async (node: ObservedServer, path: string): Promise<string> =>
      (await (await fetch(boardUrl(node, board, path))).text()).replaceAll(node.httpUrl, 'ORIGIN')
    for (const path of ['/backlog?format=md', '/model']) {
      expect(await read(nodeB, path)).toBe(await read(nodeA, path))
    }
    const { stdout } = await run(process.execPath, [cli, board.id, '--format', 'md'], {
      env: {
        ...process.env,
        DATABASE_URL: cluster.databaseUrl,
        REDIS_URL: cluster.redis.url,
        PUBLIC_URL: 'http://stormline.test',
      },
    })
    expect(stdout).toContain('Backlog anywhere')
    const viaApi = await (await fetch(boardUrl(nodeB, board, '/backlog?format=md'))).text()
    expect(stdout).toBe(viaApi.replaceAll(nodeB.httpUrl, 'http://stormline.test'))
  })
})

describe('failures', () => {
  it('loses nothing another client saw when a node is killed mid-burst; its clients converge through another node', async () => {
    const nodeC = await cluster.addNode()
    const board = await createBoard(nodeA, { name: 'Crash', template: 'blank' })
    const writer = clients(nodeC).connect(board, 'participant')
    const watcher = clients(nodeB).connect(board, 'participant')
    await Promise.all([synced(writer), synced(watcher)])

    let seenAtCrash: string[] = []
    for (let i = 0; i < 300; i++) {
      writeSticky(writer, `shape:burst-${String(i).padStart(3, '0')}`)
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5))
      if (i === 150) {
        await nodeC.crash()
        seenAtCrash = keysOf(watcher)
      }
    }
    // The balancer sends the writer to a surviving node: same document, new socket.
    writer.provider.destroy()
    const failover = new WebsocketProvider(`${nodeB.wsUrl}/sync`, board.id, writer.doc, {
      disableBc: true,
      params: { token: board.tokens.participant },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    try {
      await eventually(() => keysOf(watcher).length === 300, 'every sticky through node B')
      expect(keysOf(watcher)).toEqual(keysOf(writer))
      // What the watcher saw before the crash was stored: a node loading the board now has it.
      const fresh = clients(nodeA).connect(board, 'viewer')
      await synced(fresh)
      await eventually(() => keysOf(fresh).length === 300, 'the stored board on node A')
      for (const key of seenAtCrash) expect(recordsOf(fresh).has(key)).toBe(true)
    } finally {
      failover.destroy()
    }
  })

  it('recovers when Redis restarts mid-session: nodes catch up from PostgreSQL and converge', async () => {
    const board = await createBoard(nodeA, { name: 'Redis restart', template: 'blank' })
    const ann = clients(nodeA).connect(board, 'participant')
    const bob = clients(nodeB).connect(board, 'participant')
    await Promise.all([synced(ann), synced(bob)])
    writeSticky(ann, 'shape:before')
    await eventually(() => recordsOf(bob).has('shape:before'), 'a relayed edit')

    await cluster.redis.stop()
    // Edits go on while the nodes cannot tell each other: each is stored all the same.
    for (let i = 0; i < 20; i++) {
      writeSticky(ann, `shape:a-${i}`)
      writeSticky(bob, `shape:b-${i}`)
    }
    await eventually(async () => {
      const ready = await fetch(`${nodeA.httpUrl}/readyz`)
      return ready.status === 503
    }, 'node A not ready without Redis')
    await cluster.redis.start()
    await eventually(() => keysOf(ann).length === 41 && keysOf(bob).length === 41, 'convergence')
    expect(keysOf(ann)).toEqual(keysOf(bob))
    await eventually(async () => (await fetch(`${nodeA.httpUrl}/readyz`)).status === 200, 'ready')
  })

  it('drops the presence of a stopped node’s people on the other nodes at once', async () => {
    const nodeD = await cluster.addNode()
    const board = await createBoard(nodeA, { name: 'Rolling restart', template: 'blank' })
    const dee = clients(nodeD).connect(board, 'participant')
    const bob = clients(nodeB).connect(board, 'participant')
    await Promise.all([synced(dee), synced(bob)])
    dee.provider.awareness.setLocalStateField('user', { name: 'Dee' })
    await eventually(() => bob.provider.awareness.getStates().has(dee.doc.clientID), 'Dee on B')
    dee.provider.shouldConnect = false
    await nodeD.stop()
    // Well inside the 30 s awareness timeout: the stopping node said its people left.
    await eventually(
      () => !bob.provider.awareness.getStates().has(dee.doc.clientID),
      'Dee gone on node B',
      10_000,
    )
  })

  it('scrapes relay lag and compactions on a scale-out node', async () => {
    const response = await fetch(`${nodeB.httpUrl}/metrics`)
    const text = await response.text()
    const count = (name: string): number =>
      Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0)
    expect(count('stormline_relay_lag_seconds_count')).toBeGreaterThan(0)
    expect(count('stormline_updates_received_total')).toBeGreaterThan(0)
    const ready = await fetch(`${nodeB.httpUrl}/readyz`)
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', redis: 'ok' } })
  })
})

export type { CreatedBoard }
