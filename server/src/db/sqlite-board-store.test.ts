import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { newBoardId } from '../boards/board-id.ts'
import { boardStoreContract } from '../boards/board-store.contract.ts'
import { openDatabase, type StormlineDatabase } from './database.ts'
import { SqliteBoardStore } from './sqlite-board-store.ts'

const dirs: string[] = []
function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stormline-store-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

let contractDatabase: StormlineDatabase | undefined
boardStoreContract(
  'SqliteBoardStore',
  () => {
    contractDatabase = openDatabase({ dataDir: freshDataDir() })
    return new SqliteBoardStore(contractDatabase)
  },
  () => {
    contractDatabase?.$client.close()
  },
)

describe('SqliteBoardStore on disk', () => {
  it('runs in WAL mode and keeps appended updates across a reopen', () => {
    const dataDir = freshDataDir()
    const db = openDatabase({ dataDir })
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
    const store = new SqliteBoardStore(db)
    const id = newBoardId()
    store.createBoard({ id, name: 'Kept', template: 'blank', createdAt: new Date() })
    store.appendUpdate(id, new Uint8Array([1, 2, 3]))
    // No close(): the next open must see the commit exactly as a crash would leave it.
    const reopened = new SqliteBoardStore(openDatabase({ dataDir }))
    expect(reopened.loadDocument(id).updates).toEqual([new Uint8Array([1, 2, 3])])
  })
})

describe('SqliteBoardStore write-ahead log', () => {
  it('is checkpointed as updates are appended, so it does not grow with every update', () => {
    const dataDir = freshDataDir()
    const store = new SqliteBoardStore(openDatabase({ dataDir }))
    const id = newBoardId()
    store.createBoard({ id, name: 'Busy', template: 'blank', createdAt: new Date() })
    const update = new Uint8Array(1024).fill(7)
    for (let i = 0; i < 3_000; i++) store.appendUpdate(id, update)
    // SQLite checkpoints at ~1,000 pages (4 MiB) and reuses the file; an unfinished statement
    // used to stop that and leave ~14 KiB of WAL per update (~40 MiB here).
    const wal = statSync(path.join(dataDir, 'stormline.sqlite-wal')).size
    expect(wal).toBeLessThan(8 * 1024 * 1024)
    expect(store.updateLogStats(id).count).toBe(3_000)
  })
})
