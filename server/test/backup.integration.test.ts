import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { replayStoredDocument } from '../src/boards/stored-document.ts'
import { openDatabase } from '../src/db/database.ts'
import { SqliteBoardStore } from '../src/db/sqlite-board-store.ts'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/**
 * `pnpm backup` runs while the server is up and a client keeps writing: the
 * copy must be a sound database holding everything stored before it started,
 * and a server started on the copy must serve the board.
 */

const run = promisify(execFile)
const backupCli = new URL('../src/cli/backup.ts', import.meta.url).pathname

let server: ServerProcess
let board: CreatedBoard
let workDir: string

function note(i: number) {
  return stickyRecord(`shape:n${i}`, { x: i * 10 })
}

async function storedStickies(target: ServerProcess = server): Promise<number> {
  const model = (await (await fetch(boardUrl(target, board, '/model'))).json()) as {
    stickies: unknown[]
  }
  return model.stickies.length
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'stormline-backup-'))
  server = await startServer()
  board = await createBoard(server, { name: 'Backed up' })
})

afterAll(async () => {
  await server.dispose()
  rmSync(workDir, { recursive: true, force: true })
})

describe('pnpm backup', () => {
  it('copies a consistent database while a client writes', async () => {
    const provider = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), {
      disableBc: true,
      params: { token: board.tokens?.facilitator ?? '' },
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    let written = 0
    const writer = setInterval(() => {
      writeRecord(provider.doc, note(written))
      written++
    }, 2)
    try {
      // Some writes are stored before the backup starts; the client keeps writing during it.
      while ((await storedStickies()) < 200) await new Promise((r) => setTimeout(r, 20))
      const storedBefore = await storedStickies()
      const destination = path.join(workDir, 'nested', 'stormline-backup.sqlite')
      const { stdout } = await run(process.execPath, [
        backupCli,
        destination,
        '--data-dir',
        server.dataDir,
      ])
      expect(stdout).toContain('integrity ok')
      const writtenDuringBackup = written
      while (written < writtenDuringBackup + 50) await new Promise((r) => setTimeout(r, 10))

      const copy = new Database(destination, { readonly: true, fileMustExist: true })
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
        // One self-contained file: no WAL beside it to forget when copying it away.
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
      } finally {
        copy.close()
      }

      // The board loads from the copy, with at least what was stored before the backup.
      const restoredDir = path.join(workDir, 'restored')
      mkdirSync(restoredDir)
      renameSync(destination, path.join(restoredDir, 'stormline.sqlite'))
      const db = openDatabase({ dataDir: restoredDir })
      try {
        const store = new SqliteBoardStore(db)
        expect(store.getBoard(board.id)?.name).toBe('Backed up')
        const doc = replayStoredDocument(store.loadDocument(board.id))
        expect(doc.getMap(docLayout.records).size).toBeGreaterThanOrEqual(storedBefore)
        doc.destroy()
      } finally {
        db.$client.close()
      }

      // A server started on the copy serves the board, tokens included.
      const restored = await startServer({ dataDir: restoredDir })
      try {
        expect(await storedStickies(restored)).toBeGreaterThanOrEqual(storedBefore)
      } finally {
        await restored.stop()
      }
    } finally {
      clearInterval(writer)
      provider.destroy()
    }
  })

  it('refuses to write over the live database, and fails without a database', async () => {
    await expect(
      run(process.execPath, [
        backupCli,
        path.join(server.dataDir, 'stormline.sqlite'),
        '--data-dir',
        server.dataDir,
      ]),
    ).rejects.toMatchObject({ code: 1 })
    await expect(
      run(process.execPath, [
        backupCli,
        path.join(workDir, 'none.sqlite'),
        '--data-dir',
        path.join(workDir, 'empty'),
      ]),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no database') })
  })
})
