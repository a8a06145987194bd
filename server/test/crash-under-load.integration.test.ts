import { writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  connectProvider,
  createBoard,
  loadFresh,
  records,
  recordsJson,
  sticky,
  synced,
  until,
} from './support/board-clients.ts'
import { integrityCheck } from './support/board-database.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * DUR-3 under load: four clients write as fast as they can, an observer keeps
 * every update the server relays to it, and the server is killed with SIGKILL
 * in the middle of the burst. Whatever the observer saw was relayed, so by the
 * append-before-relay rule it must have been stored, and the SQLite file must
 * be intact.
 */

const writerCount = 4
/** The server is killed once the observer has seen this many edits. */
const killAfterObserved = 400
/**
 * Writers pause while they are this far ahead of what the observer has seen, so
 * on a slow machine they are still writing when the kill comes instead of
 * having finished a fixed burst long before.
 */
const maxAheadOfObserver = 1_500

const servers: ObservedServer[] = []
const providers: WebsocketProvider[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  for (const server of servers) await server.dispose()
})

/** Every client clock an update carries is at most this client's state in `doc`. */
function isContainedIn(update: Uint8Array, doc: Y.Doc): boolean {
  const { to } = Y.parseUpdateMeta(update)
  return [...to].every(([client, clock]) => Y.getState(doc.store, client) >= clock)
}

describe('a crash in the middle of a burst of edits', () => {
  it('keeps every edit an observer saw, and leaves the database intact', async () => {
    const first = await startObservedServer({
      // The burst is far above a person's pace; the per-connection limit is not under test here.
      env: { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' },
    })
    servers.push(first)
    const board = await createBoard(first.httpUrl, 'Crash')
    const writers = Array.from({ length: writerCount }, () => connectProvider(first.wsUrl, board))
    const observer = connectProvider(first.wsUrl, board)
    providers.push(...writers, observer)
    await Promise.all([...writers, observer].map((provider) => synced(provider)))

    const observed: Uint8Array[] = []
    observer.doc.on('update', (update: Uint8Array) => observed.push(update))

    let writing = true
    const written = writers.map(() => 0)
    const totalWritten = (): number => written.reduce((sum, n) => sum + n, 0)
    const bursts = writers.map(async (writer, w) => {
      while (writing) {
        if (totalWritten() - records(observer.doc).size > maxAheadOfObserver) {
          await new Promise((resolve) => setTimeout(resolve, 5))
          continue
        }
        const n = written[w] ?? 0
        writeRecord(writer.doc, sticky(`shape:w${w}-${n}`, `writer ${w} #${n}`))
        written[w] = n + 1
        // Yield now and then so the sockets flush while the burst goes on.
        if (n % 4 === 3) await new Promise((resolve) => setImmediate(resolve))
      }
    })

    await until(() => records(observer.doc).size >= killAfterObserved, 'the observer to see edits')
    await first.crash()
    const writtenAtKill = totalWritten()
    const seenAtKill = records(observer.doc).size
    writing = false
    await Promise.all(bursts)
    // Frames already in the observer's socket buffer still arrive after the kill; keep them too.
    await until(() => !observer.wsconnected, 'the observer to notice the crash')
    const seen = recordsJson(observer.doc)
    // Nothing may be resent from the clients: what survives must come from the database.
    for (const provider of providers) provider.destroy()

    // The kill cut the burst: edits were written that had not come round to the observer.
    expect(writtenAtKill).toBeGreaterThan(seenAtKill)
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(killAfterObserved)
    expect(integrityCheck(first.dataDir)).toBe('ok')

    const second = await first.restart()
    servers.push(second)
    const reloaded = await loadFresh(second.wsUrl, board)
    const missing = observed.filter((update) => !isContainedIn(update, reloaded))
    expect(missing.length, `${missing.length} of ${observed.length} observed updates lost`).toBe(0)
    const stored = recordsJson(reloaded)
    for (const [key, value] of Object.entries(seen)) expect(stored[key], key).toEqual(value)
    console.info(
      `crash: ${writtenAtKill} edits written and ${seenAtKill} observed at the kill,` +
        ` ${observed.length} updates observed in all, ${Object.keys(stored).length} after restart`,
    )

    await second.stop()
    expect(integrityCheck(second.dataDir)).toBe('ok')
  }, 60_000)
})
