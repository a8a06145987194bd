import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newBoardId } from '../../boards/board-id.ts'
import { boardStoreContract } from '../../boards/board-store.contract.ts'
import { PostgresBoardStore } from './postgres-board-store.ts'
import { openPostgres, type PostgresConnection } from './postgres-database.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'

// One database for the file; each contract case empties it (cheaper than a database per case).
let database: TestDatabase
let connection: PostgresConnection
let store: PostgresBoardStore

beforeAll(async () => {
  database = await createTestDatabase()
  connection = await openPostgres(database.url)
  store = new PostgresBoardStore(connection.db)
})

afterAll(async () => {
  await connection?.close()
  await database?.drop()
})

boardStoreContract('PostgresBoardStore', async () => {
  // Every other table references boards: CASCADE empties them all.
  await connection.pool.query('truncate boards cascade')
  return store
})

function newBoard(id = newBoardId()) {
  return { id, name: 'Shared', template: 'blank' as const, createdAt: new Date() }
}

describe('PostgresBoardStore on several nodes', () => {
  it('numbers each board’s updates 1, 2, 3, … while two nodes append at once', async () => {
    const otherNode = await openPostgres(database.url)
    try {
      const nodes = [store, new PostgresBoardStore(otherNode.db)]
      const boardIds = [newBoardId(), newBoardId()]
      for (const id of boardIds) await store.createBoard(newBoard(id))
      const perNodeAndBoard = 30
      const appends = nodes.flatMap((node, n) =>
        boardIds.flatMap((boardId) =>
          Array.from({ length: perNodeAndBoard }, async (_, i) => {
            const update = new Uint8Array([n, i])
            return { boardId, update, seq: await node.appendUpdate(boardId, update) }
          }),
        ),
      )
      const appended = await Promise.all(appends)

      const total = nodes.length * perNodeAndBoard
      for (const boardId of boardIds) {
        const mine = appended
          .filter((entry) => entry.boardId === boardId)
          .sort((a, b) => a.seq - b.seq)
        // No gap and no repeat, per board, whichever node appended.
        expect(mine.map((entry) => entry.seq)).toEqual(
          Array.from({ length: total }, (_, i) => i + 1),
        )
        const stored = await store.loadDocument(boardId)
        expect(stored.lastSeq).toBe(total)
        // The log holds each update under the number its append returned.
        expect(stored.updates).toEqual(mine.map((entry) => entry.update))
        expect(await store.loadDocumentSince(boardId, total - 1)).toEqual({
          snapshot: null,
          updates: [mine[total - 1]?.update],
          lastSeq: total,
        })
      }
    } finally {
      await otherNode.close()
    }
  })

  it('counts on from the snapshot after a compaction, and from a board’s first update', async () => {
    const id = newBoardId()
    await store.createBoard(newBoard(id), undefined, new Uint8Array([0, 0]))
    expect(await store.appendUpdate(id, new Uint8Array([1]))).toBe(2)
    await store.compact(id, new Uint8Array([0, 0]), 2)
    expect(await store.appendUpdate(id, new Uint8Array([2]))).toBe(3)
    expect((await store.loadDocument(id)).lastSeq).toBe(3)
  })
})

describe('PostgresBoardStore when PostgreSQL drops its connections', () => {
  it('reconnects and keeps appending where it was', async () => {
    const applicationName = `stormline-drop-${process.pid}`
    const url = new URL(database.url)
    url.searchParams.set('application_name', applicationName)
    const node = await openPostgres(url.toString())
    try {
      const nodeStore = new PostgresBoardStore(node.db)
      const id = newBoardId()
      await nodeStore.createBoard(newBoard(id))
      expect(await nodeStore.appendUpdate(id, new Uint8Array([1]))).toBe(1)

      const open = node.pool.totalCount
      expect(node.pool.idleCount).toBe(open)
      // pg-pool reports each idle connection it lost (and dropped) as an 'error' event.
      const lost = errorEvents(node.pool, open)
      const { rows } = await connection.pool.query<{ terminated: string }>(
        'select count(pg_terminate_backend(pid)) as terminated from pg_stat_activity where application_name = $1',
        [applicationName],
      )
      expect(Number(rows[0]?.terminated)).toBe(open)
      await lost

      expect(await nodeStore.appendUpdate(id, new Uint8Array([2]))).toBe(2)
      expect((await nodeStore.loadDocument(id)).updates).toEqual([
        new Uint8Array([1]),
        new Uint8Array([2]),
      ])
    } finally {
      await node.close()
    }
  })
})

function errorEvents(pool: PostgresConnection['pool'], count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0
    const onError = (): void => {
      seen++
      if (seen < count) return
      pool.off('error', onError)
      resolve()
    }
    pool.on('error', onError)
  })
}
