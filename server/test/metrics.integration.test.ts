import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import { stickyRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import { eventually, StockClients, synced } from './support/stock-clients.ts'

/**
 * Operators scrape `/metrics` (Prometheus text format) and probe `/readyz` (issue #15). This
 * checks the counters move with real traffic from stock clients, not just that the page exists.
 */

let server: ServerProcess
let clients: StockClients

beforeAll(async () => {
  server = await startServer()
  clients = new StockClients(server)
})

afterAll(async () => {
  clients.destroyAll()
  await server.dispose()
})

/** Every sample of the scrape, by its name with labels (`name{label="v"}`). */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(`${server.httpUrl}/metrics`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/plain')
  const samples = new Map<string, number>()
  for (const line of (await response.text()).split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    const space = line.lastIndexOf(' ')
    samples.set(line.slice(0, space), Number(line.slice(space + 1)))
  }
  return samples
}

const sample = (samples: Map<string, number>, name: string): number => samples.get(name) ?? 0

describe('operating a node', () => {
  it('answers /readyz once the store answers', async () => {
    const response = await fetch(`${server.httpUrl}/readyz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready', checks: { store: 'ok' } })
  })

  it('counts updates in and out, store latency, sockets, rooms and refusals by close code', async () => {
    const before = await scrape()
    const board = await createBoard(server, { name: 'Metrics', template: 'blank' })
    const writer = clients.connect(board, 'participant')
    const reader = clients.connect(board, 'participant')
    await Promise.all([synced(writer), synced(reader)])
    writer.doc.transact(() => {
      writer.doc
        .getMap(docLayout.records)
        .set('shape:metrics', encodeRecord(stickyRecord('shape:metrics', { text: 'counted' })))
    })
    await eventually(() => reader.doc.getMap(docLayout.records).has('shape:metrics'), 'the relay')

    // A refusal: a socket with a wrong token is closed with 4401.
    const refused = new WebSocket(`${server.wsUrl}/sync/${board.id}?token=${'x'.repeat(32)}`)
    const code = await new Promise<number>((resolve) => refused.on('close', resolve))
    expect(code).toBe(4401)

    await eventually(async () => {
      const after = await scrape()
      return (
        sample(after, 'stormline_updates_received_total') >
          sample(before, 'stormline_updates_received_total') &&
        sample(after, 'stormline_updates_relayed_total') >
          sample(before, 'stormline_updates_relayed_total') &&
        sample(after, 'stormline_store_append_seconds_count') >
          sample(before, 'stormline_store_append_seconds_count') &&
        sample(after, 'stormline_socket_closes_total{code="4401"}') >
          sample(before, 'stormline_socket_closes_total{code="4401"}') &&
        sample(after, 'stormline_sockets') >= 2 &&
        sample(after, 'stormline_rooms') >= 1
      )
    }, 'the counters to move')
  })
})
