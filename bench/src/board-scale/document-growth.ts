import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import { moveRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { seededRandom } from '@stormline/shared/testing/seeded-random'
import * as Y from 'yjs'
import { addStickiesAtOnce, waitForStickies } from '../board/fill-board.ts'
import { stickyId } from '../board/sticky-record.ts'
import { createRoom } from '../clients/board-room.ts'
import { connectClient } from '../clients/stock-client.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { waitUntil } from '../stats.ts'

export interface DocumentGrowthResult {
  server: ServerHandle['kind']
  stickies: number
  moves: number
  /** Yjs state of a board holding the same final records, written once. */
  freshStateBytes: number
  /** Yjs state a fresh client receives after the moves. */
  movedStateBytes: number
  /** movedStateBytes / freshStateBytes. */
  growth: number
  /** Fresh client: connect until first sync complete, on the board after the moves. */
  firstSyncMs: number
}

/**
 * Three participants take turns moving stickies (each move sets the sticky's `x` and `y` in its
 * record map, as the web binding does with record layout v2, and is its own update through the
 * server); a fresh client then joins. Answers the "a Y.Map grows without bound under repeated
 * writes" worry with this board layout.
 */
export async function measureDocumentGrowth(
  server: ServerHandle,
  stickies: number,
  moves: number,
): Promise<DocumentGrowthResult> {
  const room = await createRoom(server, 'Growth')
  const movers = [0, 1, 2].map(() => connectClient(server, room))
  const observer = connectClient(server, room)
  await Promise.all([...movers, observer].map((c) => c.synced))
  addStickiesAtOnce((movers[0] as (typeof movers)[0]).doc, stickies)
  for (const client of [...movers, observer]) await waitForStickies(client.doc, stickies)

  const random = seededRandom(stickies + moves)
  for (let m = 0; m < moves; m++) {
    const mover = movers[m % movers.length] as (typeof movers)[0]
    const n = Math.floor(random() * stickies)
    moveRecord(mover.doc, stickyId(n), {
      x: Math.round(random() * 20_000),
      y: Math.round(random() * 4_000),
    })
    // Let the sockets drain now and then, like a drag that spans many frames.
    if (m % 100 === 99) await new Promise((r) => setImmediate(r))
  }
  // Done when the observer has integrated every move of every mover: its state vector holds
  // each mover's own clock. (Concurrent moves of one sticky resolve by client id, not by time,
  // and a server may relay queued moves as one update, so neither values nor events tell.)
  const missing = (): number => {
    const seen = Y.decodeStateVector(Y.encodeStateVector(observer.doc))
    return movers.filter(
      (mover) =>
        (seen.get(mover.doc.clientID) ?? 0) < Y.getState(mover.doc.store, mover.doc.clientID),
    ).length
  }
  if (!(await waitUntil(() => missing() === 0, 60_000, 50)))
    throw new Error(`${server.kind}: the observer still misses moves of ${missing()} movers`)

  const fresh = new Y.Doc()
  fresh.transact(() => {
    for (const record of Object.values(readRecordsJson(observer.doc))) {
      writeRecord(fresh, record as { id: string })
    }
  })
  const freshStateBytes = Y.encodeStateAsUpdate(fresh).byteLength

  const start = performance.now()
  const late = connectClient(server, room)
  await late.synced
  await waitForStickies(late.doc, stickies)
  const firstSyncMs = performance.now() - start
  const movedStateBytes = Y.encodeStateAsUpdate(late.doc).byteLength
  for (const client of [...movers, observer, late]) client.destroy()
  fresh.destroy()
  return {
    server: server.kind,
    stickies,
    moves,
    freshStateBytes,
    movedStateBytes,
    growth: movedStateBytes / freshStateBytes,
    firstSyncMs,
  }
}
