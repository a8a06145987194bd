import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { newBoardId } from '../boards/board-id.ts'
import { boardStoreContract } from '../boards/board-store.contract.ts'
import { openDatabase } from './database.ts'
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

boardStoreContract(
  'SqliteBoardStore',
  () => new SqliteBoardStore(openDatabase({ dataDir: freshDataDir() })),
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
