import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { addStickiesAtOnce } from '../board/fill-board.ts'
import { type BoardRoom, createRoom } from '../clients/board-room.ts'
import { connectClient, type StockClient } from '../clients/stock-client.ts'
import { rssBytes } from '../process-stats.ts'
import { startHocuspocus } from '../servers/hocuspocus.ts'
import type { ServerHandle, ServerKind } from '../servers/server-handle.ts'
import { startStormline } from '../servers/stormline.ts'
import { startYWebsocket } from '../servers/y-websocket.ts'
import { sleep } from '../stats.ts'

export interface IdleBoardMemoryResult {
  server: ServerKind
  boards: number
  stickiesPerBoard: number
  /** RSS of the freshly started server with no board loaded. */
  baselineRssBytes: number
  /** RSS once every board is loaded with one idle client each. */
  loadedRssBytes: number
  perBoardBytes: number
}

const settleMs = 2_000

/** Connects one client per room, `batch` at a time, and waits for their first sync. */
async function connectAll(
  server: ServerHandle,
  rooms: readonly BoardRoom[],
  docFor: (i: number) => Y.Doc,
): Promise<StockClient[]> {
  const clients: StockClient[] = []
  for (let i = 0; i < rooms.length; i += 20) {
    const batch = rooms
      .slice(i, i + 20)
      .map((room, k) => connectClient(server, room, docFor(i + k)))
    await Promise.all(batch.map((c) => c.synced))
    clients.push(...batch)
  }
  return clients
}

/**
 * Server memory per idle loaded board: boards of `stickiesPerBoard` are stored, the server is
 * restarted (nothing loaded), then one idle client joins each board. The RSS growth divided by
 * the number of boards is what a loaded board costs. The in-memory y-websocket server cannot
 * reload, so its clients bring the board with them (the same state ends up in its memory).
 */
export async function measureIdleBoardMemory(
  kind: ServerKind,
  boards: number,
  stickiesPerBoard: number,
): Promise<IdleBoardMemoryResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stormline-bench-idle-'))
  const start = (): Promise<ServerHandle> =>
    kind === 'stormline'
      ? startStormline({ dataDir })
      : kind === 'hocuspocus'
        ? startHocuspocus({ dataDir })
        : startYWebsocket()
  const filled = (): Y.Doc => {
    const doc = new Y.Doc()
    addStickiesAtOnce(doc, stickiesPerBoard)
    return doc
  }
  try {
    let server = await start()
    const rooms: BoardRoom[] = []
    for (let i = 0; i < boards; i++) rooms.push(await createRoom(server, `Idle ${i}`))
    if (kind !== 'y-websocket') {
      // Store every board, then restart so none is in memory.
      const writers = await connectAll(server, rooms, filled)
      await sleep(500)
      for (const writer of writers) writer.destroy()
      await server.stop()
      server = await start()
    }
    await sleep(settleMs)
    const baselineRssBytes = rssBytes(server.pid)
    const clients = await connectAll(
      server,
      rooms,
      kind === 'y-websocket' ? filled : () => new Y.Doc(),
    )
    await sleep(settleMs)
    const loadedRssBytes = rssBytes(server.pid)
    for (const client of clients) client.destroy()
    await server.stop()
    return {
      server: kind,
      boards,
      stickiesPerBoard,
      baselineRssBytes,
      loadedRssBytes,
      perBoardBytes: (loadedRssBytes - baselineRssBytes) / boards,
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
