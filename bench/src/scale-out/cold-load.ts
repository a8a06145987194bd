import { type StormlineStorage, stormlineStorage } from '../board-scale/sqlite-files.ts'
import { buildBoard, timeFirstSync } from '../board-scale/stored-board.ts'
import { median } from '../stats.ts'
import { type StoreBackend, startBenchCluster } from './bench-cluster.ts'
import { postgresStorage } from './bench-database.ts'

/** A big board loaded by a node that has never held it, from one store. */
export interface ColdLoadFromStore {
  backend: StoreBackend
  /** Stickies added one update each through one node, until a second client had them all. */
  writeMs: number
  /** Yjs state of the board as a fresh client receives it. */
  stateBytes: number
  /** Process start until it listens (median over the node starts). */
  serverStartMs: number
  /** Update log as built (compaction off, node killed); null when it could not be read. */
  log: StormlineStorage | null
  /** Fresh node, board only in the log: connect until the first sync holds every sticky. */
  coldLoadFromLogMs: number
  /** After the log was folded into a snapshot. */
  compacted: StormlineStorage | null
  /** Fresh node, board in a snapshot: median over the repetitions, and each of them. */
  coldLoadFromSnapshotMs: number
  coldLoadFromSnapshotRunsMs: number[]
}

export interface ColdLoadResult {
  stickies: number
  sqlite: ColdLoadFromStore
  postgres: ColdLoadFromStore
}

// The building node never compacts, and is killed at the end: the worst-case log a load replays.
const compactionOff = {
  COMPACT_EVERY_UPDATES: '1000000000',
  COMPACT_LOG_BYTES: '1000000000',
  COMPACT_INTERVAL_MS: '0',
}

async function measureStore(
  backend: StoreBackend,
  stickies: number,
  reps: number,
): Promise<ColdLoadFromStore> {
  const cluster = await startBenchCluster(backend, 0)
  const storage = (boardId: string): StormlineStorage | null =>
    cluster.database
      ? postgresStorage(cluster.database.url, boardId)
      : stormlineStorage(cluster.sqliteFile, boardId)
  const starts: number[] = []
  // Every load is by a node process started for it: nothing of the board is in its memory.
  const freshNode = async () => {
    const started = performance.now()
    const node = await cluster.startNode()
    starts.push(performance.now() - started)
    return node
  }
  try {
    const building = await cluster.startNode(compactionOff)
    const built = await buildBoard(building, stickies)
    await building.kill()
    built.close()
    const log = storage(built.room.name)

    let node = await freshNode()
    const coldLoadFromLogMs = await timeFirstSync(node, built.room, stickies)
    // The last client left and the node stops gracefully: the board's log is folded.
    await node.stop()
    const compacted = storage(built.room.name)
    const fromSnapshot: number[] = []
    for (let i = 0; i < reps; i++) {
      node = await freshNode()
      fromSnapshot.push(await timeFirstSync(node, built.room, stickies))
      await node.stop()
    }
    return {
      backend,
      writeMs: built.writeMs,
      stateBytes: built.stateBytes,
      serverStartMs: median(starts),
      log,
      coldLoadFromLogMs,
      compacted,
      coldLoadFromSnapshotMs: median(fromSnapshot),
      coldLoadFromSnapshotRunsMs: fromSnapshot,
    }
  } finally {
    await cluster.dispose()
  }
}

/**
 * The same board (stickies added one update each, as in section 2b) stored by one node in
 * embedded SQLite and by one node in scale-out mode (PostgreSQL, with Redis), then loaded by a
 * node process that has never held it: from the update log, then from the snapshot.
 */
export async function measureColdLoad(stickies: number, reps: number): Promise<ColdLoadResult> {
  return {
    stickies,
    sqlite: await measureStore('sqlite', stickies, reps),
    postgres: await measureStore('postgres+redis', stickies, reps),
  }
}
