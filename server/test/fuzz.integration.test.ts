import { isDeepStrictEqual } from 'node:util'
import { writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import {
  connectProvider,
  createBoard,
  loadFresh,
  records,
  recordsJson,
  stateVector,
  sticky,
  synced,
  syncUrl,
  type TestBoard,
  until,
} from './support/board-clients.ts'
import { createFrameFactory } from './support/fuzz-frames.ts'
import { type FuzzReport, runFuzz } from './support/fuzz-run.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * BAD-1 under fire: 10,000+ hostile frames from raw sockets while two honest
 * stock clients keep editing the same board. Frames come from a seeded
 * generator: FUZZ_SEED replays a failure (the report names the frame index).
 */

const seed = Number(process.env.FUZZ_SEED ?? 6_2026)
/** CI sends 10,000; FUZZ_FRAMES runs a longer campaign locally. */
const frames = Math.max(10_000, Number(process.env.FUZZ_FRAMES ?? 0))
/** Bounds the run: 10,000 frames take 10–20 s on two busy cores. */
const bounded = { timeout: Math.max(150_000, frames * 15) }
/** Small, so oversized frames stay cheap to send. */
const maxMessageBytes = 64 * 1024

let server: ObservedServer
let board: TestBoard
const honest: { name: string; provider: WebsocketProvider; written: number }[] = []
/** Close events seen by the honest clients while the fuzzer ran: there must be none. */
const honestCloses: number[] = []
let editing = true
let editors: Promise<void>[] = []
const health = { ok: 0, failed: [] as string[] }
let healthTimer: NodeJS.Timeout | undefined
let report: FuzzReport

beforeAll(async () => {
  server = await startObservedServer({ env: { MAX_MESSAGE_BYTES: String(maxMessageBytes) } })
  board = await createBoard(server.httpUrl, 'Fuzz')
  for (const name of ['alice', 'bob']) {
    const provider = connectProvider(server.wsUrl, board)
    provider.on('connection-close', (event) => honestCloses.push(event?.code ?? -1))
    honest.push({ name, provider, written: 0 })
  }
  await Promise.all(honest.map(({ provider }) => synced(provider)))
  // Honest edits keep flowing the whole time the fuzzer runs, at a drag-like pace.
  editors = honest.map(async (client) => {
    while (editing) {
      writeRecord(
        client.provider.doc,
        sticky(`shape:${client.name}-${client.written}`, `${client.name} #${client.written}`),
      )
      client.written++
      await new Promise((resolve) => setTimeout(resolve, 15))
    }
  })
  healthTimer = setInterval(() => {
    fetch(`${server.httpUrl}/healthz`)
      .then((response) => {
        if (response.status === 200) health.ok++
        else health.failed.push(`status ${response.status}`)
      })
      .catch((error: Error) => health.failed.push(error.message))
  }, 250)
})

afterAll(async () => {
  editing = false
  clearInterval(healthTimer)
  for (const { provider } of honest) provider.destroy()
  await server?.dispose()
})

describe(`fuzzing the sync endpoint (seed ${seed})`, () => {
  it('closes each bad frame with its documented code and never goes down', bounded, async () => {
    report = await runFuzz({
      url: syncUrl(server.wsUrl, board),
      factory: createFrameFactory(seed, maxMessageBytes),
      frames,
      parallel: 8,
      floods: 3,
      // Far past the default burst (400): the server queues the rest, about 8 s at 200 a second.
      floodSize: 2_000,
      floodTimeoutMs: 60_000,
    })
    editing = false
    clearInterval(healthTimer)
    await Promise.all(editors)
    console.info(`fuzz seed ${seed}: ${JSON.stringify(report)}`)

    expect(report.framesSent).toBeGreaterThanOrEqual(10_000)
    expect(report.violations.slice(0, 20)).toEqual([])
    // Every kind of frame was tried, and every refusal path was taken.
    expect(Object.keys(report.outcomes).sort()).toEqual(
      [
        'empty',
        'flood',
        'huge-length',
        'oversized',
        'prefix-garbage',
        'random',
        'text',
        'text-invalid-utf8',
        'truncated',
        'unknown-type',
      ].sort(),
    )
    // BAD-2: a flood is slowed down, not dropped; its probe is answered once the queue drains.
    expect(report.outcomes.flood).toEqual({ accepted: 3 })
    expect(server.events('sync.throttled').length).toBeGreaterThanOrEqual(3)
    for (const code of ['1003', '1009', '4500']) {
      expect(report.closeCodes[code], `close code ${code}`).toBeGreaterThan(0)
    }

    expect(server.isRunning()).toBe(true)
    // Bad frames are warnings about their sender; an error line would mean the server itself failed.
    expect(
      server
        .log()
        .split('\n')
        .filter((line) => line.includes('"level":"error"')),
    ).toEqual([])
    expect(health.failed).toEqual([])
    expect(health.ok).toBeGreaterThan(0)
    expect(honestCloses).toEqual([])
  })

  it('lets the honest clients converge with every edit they made', async () => {
    const [alice, bob] = honest.map(({ provider }) => provider.doc) as [Y.Doc, Y.Doc]
    const expectedKeys = honest.flatMap(({ name, written }) =>
      Array.from({ length: written }, (_, i) => `shape:${name}-${i}`),
    )
    await until(
      () => expectedKeys.every((key) => records(alice).has(key) && records(bob).has(key)),
      'both honest clients to hold every honest edit',
    )
    // Deep equality: each client's map lists keys in the order it learned them.
    await until(
      () => isDeepStrictEqual(recordsJson(alice), recordsJson(bob)),
      'alice and bob to converge',
    )
    expect(recordsJson(bob)).toEqual(recordsJson(alice))
    expect(recordsJson(alice)['shape:bob-0']).toEqual(sticky('shape:bob-0', 'bob #0'))
  })

  it('reloads the board identically after a restart', async () => {
    const before = await loadFresh(server.wsUrl, board)
    expect(recordsJson(before)).toEqual(recordsJson(honest[0]?.provider.doc as Y.Doc))
    // Stop the honest clients so they cannot resend anything after the restart.
    for (const { provider } of honest) provider.destroy()
    server = await server.restart()

    const after = await loadFresh(server.wsUrl, board)
    expect(stateVector(after)).toEqual(stateVector(before))
    expect(recordsJson(after)).toEqual(recordsJson(before))
  })
})
