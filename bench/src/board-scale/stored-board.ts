import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { addStickies, waitForStickies } from '../board/fill-board.ts'
import { type BoardRoom, createRoom } from '../clients/board-room.ts'
import { connectClient } from '../clients/stock-client.ts'
import { startHocuspocus } from '../servers/hocuspocus.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { startStormline } from '../servers/stormline.ts'
import { startYWebsocket } from '../servers/y-websocket.ts'
import { median } from '../stats.ts'
import { hocuspocusStoredBytes, sqliteFileBytes, stormlineStorage } from './sqlite-files.ts'

export interface StoredBoardResult {
  stickies: number
  /** Yjs state of the board as a fresh client receives it. */
  stateBytes: number
  stormline: {
    /** Stickies added one update each by one client, until a second client has them all. */
    writeMs: number
    /** A second client joining the loaded room: connect until first sync complete. */
    warmFirstSyncMs: number
    serverStartMs: number
    log: { rows: number; bytes: number; fileBytes: number }
    /** Server process already up, board not in memory: connect until first sync complete. */
    coldLoadFromLogMs: number
    compacted: { rows: number; bytes: number; snapshotBytes: number; fileBytes: number }
    coldLoadFromSnapshotMs: number
  }
  hocuspocus: {
    warmFirstSyncMs: number
    storedBytes: number
    fileBytes: number
    coldLoadMs: number
  }
  yWebsocket: { warmFirstSyncMs: number }
}

/** Connect a fresh client and time it until its first full sync holds every sticky. */
export async function timeFirstSync(
  server: ServerHandle,
  room: BoardRoom,
  stickies: number,
): Promise<number> {
  const start = performance.now()
  const client = connectClient(server, room, new Y.Doc())
  await client.synced
  await waitForStickies(client.doc, stickies)
  const ms = performance.now() - start
  client.destroy()
  return ms
}

/** Builds a board of `stickies` through the server, one update per sticky, and times a late joiner. */
export async function buildBoard(
  server: ServerHandle,
  stickies: number,
): Promise<{
  room: BoardRoom
  writeMs: number
  warmFirstSyncMs: number
  stateBytes: number
  close: () => void
}> {
  const room = await createRoom(server, `Stored ${stickies}`)
  const writer = connectClient(server, room)
  const witness = connectClient(server, room)
  await Promise.all([writer.synced, witness.synced])
  const start = performance.now()
  await addStickies(writer.doc, 0, stickies)
  await waitForStickies(witness.doc, stickies)
  const writeMs = performance.now() - start
  const warmFirstSyncMs = await timeFirstSync(server, room, stickies)
  const stateBytes = Y.encodeStateAsUpdate(witness.doc).byteLength
  return {
    room,
    writeMs,
    warmFirstSyncMs,
    stateBytes,
    close: () => {
      writer.destroy()
      witness.destroy()
    },
  }
}

/**
 * A board of `stickies` stored in SQLite: Stormline's update log before and after compaction and
 * cold loads from each; Hocuspocus's stored state and cold load; warm first syncs on all three.
 */
export async function measureStoredBoard(
  stickies: number,
  reps: number,
): Promise<StoredBoardResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stormline-bench-stored-'))
  const dbFile = path.join(dataDir, 'stormline.sqlite')
  try {
    // Compaction off while building, and a crash at the end: the worst-case log a restart must replay.
    const building = await startStormline({
      dataDir,
      env: {
        COMPACT_EVERY_UPDATES: '1000000000',
        COMPACT_LOG_BYTES: '1000000000',
        COMPACT_INTERVAL_MS: '0',
      },
    })
    const built = await buildBoard(building, stickies)
    await building.kill()
    built.close()
    const logFileBytes = sqliteFileBytes(dbFile)
    const log = stormlineStorage(dbFile, built.room.name)

    let started = performance.now()
    let server = await startStormline({ dataDir })
    const serverStartMs = performance.now() - started
    const coldLoadFromLogMs = await timeFirstSync(server, built.room, stickies)
    // The last peer left: the room compacted its log into a snapshot. A graceful stop closes the DB.
    await server.stop()
    const compactedFileBytes = sqliteFileBytes(dbFile)
    const compacted = stormlineStorage(dbFile, built.room.name)
    const fromSnapshot: number[] = []
    for (let i = 0; i < reps; i++) {
      started = performance.now()
      server = await startStormline({ dataDir })
      fromSnapshot.push(await timeFirstSync(server, built.room, stickies))
      await server.stop()
    }

    const hocuspocus = await measureHocuspocus(dataDir, stickies, reps)
    const yServer = await startYWebsocket()
    const yBuilt = await buildBoard(yServer, stickies)
    yBuilt.close()
    await yServer.stop()

    return {
      stickies,
      stateBytes: built.stateBytes,
      stormline: {
        writeMs: built.writeMs,
        warmFirstSyncMs: built.warmFirstSyncMs,
        serverStartMs,
        log: { rows: log.logRows, bytes: log.logBytes, fileBytes: logFileBytes },
        coldLoadFromLogMs,
        compacted: {
          rows: compacted.logRows,
          bytes: compacted.logBytes,
          snapshotBytes: compacted.snapshotBytes,
          fileBytes: compactedFileBytes,
        },
        coldLoadFromSnapshotMs: median(fromSnapshot),
      },
      hocuspocus,
      yWebsocket: { warmFirstSyncMs: yBuilt.warmFirstSyncMs },
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function measureHocuspocus(
  dataDir: string,
  stickies: number,
  reps: number,
): Promise<StoredBoardResult['hocuspocus']> {
  const file = path.join(dataDir, 'hocuspocus.sqlite')
  let server = await startHocuspocus({ dataDir })
  const built = await buildBoard(server, stickies)
  built.close()
  // A graceful stop flushes Hocuspocus's debounced store.
  await server.stop()
  const fileBytes = sqliteFileBytes(file)
  const storedBytes = hocuspocusStoredBytes(file, built.room.name)
  const cold: number[] = []
  for (let i = 0; i < reps; i++) {
    server = await startHocuspocus({ dataDir })
    cold.push(await timeFirstSync(server, built.room, stickies))
    await server.stop()
  }
  return {
    warmFirstSyncMs: built.warmFirstSyncMs,
    storedBytes,
    fileBytes,
    coldLoadMs: median(cold),
  }
}
