import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { computeVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { boardSchemaSerialized } from '@stormline/shared/sync/board-schema'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { hasCurrentLayout, readRecordsJson } from '@stormline/shared/sync/record-layout'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { issueTokens } from '../src/access/tokens.ts'
import { openDatabase } from '../src/db/database.ts'
import { SqliteBoardStore } from '../src/db/sqlite-board-store.ts'
import { updateLogState } from './support/board-database.ts'
import { legacyBoardFixture, storeLegacyBoard } from './support/legacy-board-fixture.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/**
 * MIG-1 end to end: a board stored by the code before record layout v2 (fixture made with that
 * code, server/test/fixtures/legacy-v1) is served by today's server: migrated once, atomically
 * (one appended update), logged, and with every sticky, cluster, vote and assessment intact;
 * the board file that code exported imports and gives the same backlog.
 */

const fixture = legacyBoardFixture()
const { tokens, hashes } = issueTokens()
let server: ServerProcess

function api(pathname: string, token = tokens.facilitator): string {
  const separator = pathname.includes('?') ? '&' : '?'
  return `${server.httpUrl}/api/boards${pathname}${separator}token=${token}`
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** The backlog as the API answers it, links made relative again (they carry the public URL). */
async function backlogOf(boardId: string, token: string): Promise<Backlog> {
  const backlog = await json<Backlog>(api(`/${boardId}/backlog?format=json`, token))
  return {
    ...backlog,
    items: backlog.items.map((item) => ({ ...item, link: item.link.replace(server.httpUrl, '') })),
  }
}

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stormline-legacy-'))
  const db = openDatabase({ dataDir })
  try {
    storeLegacyBoard(new SqliteBoardStore(db), fixture, hashes)
  } finally {
    db.$client.close()
  }
  server = await startServer({ dataDir })
})

afterAll(async () => {
  await server.dispose()
})

describe('a board stored before record layout v2 (MIG-1)', () => {
  const boardId = fixture.board.id

  it('is migrated on its first load, in one appended update, and logged', async () => {
    const before = updateLogState(server.dataDir, boardId)
    expect(before.updatesAfterSnapshot).toBe(fixture.stored.updates.length)
    expect(await json(api(`/${boardId}/model`))).toEqual(fixture.expected.model)
    const after = updateLogState(server.dataDir, boardId)
    expect(after.loggedUpdates).toBe(before.loggedUpdates + 1)
    const migrated = server.events('board.migrated')
    expect(migrated).toHaveLength(1)
    expect(migrated[0]).toMatchObject({
      boardId,
      fromLayout: 1,
      rewritten: Object.keys(fixture.expected.records).length,
      migrated: 0,
      kept: 0,
    })
  })

  it('keeps every sticky, cluster, vote and assessment: the same backlog and model', async () => {
    expect(await backlogOf(boardId, tokens.facilitator)).toEqual(fixture.expected.backlog)
    expect(await json(api(`/${boardId}/model`))).toEqual(fixture.expected.model)
  })

  it('syncs to a client in the current layout, and is not migrated again by the room', async () => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`${server.wsUrl}/sync`, boardId, doc, {
      disableBc: true,
      params: { token: tokens.participant },
    })
    try {
      await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
      expect(hasCurrentLayout(doc)).toBe(true)
      expect(doc.getMap(docLayout.meta).get(schemaMetaKey)).toEqual(boardSchemaSerialized)
      expect(doc.getMap(docLayout.records).get('shape:pain-vm-wait')).toBeInstanceOf(Y.Map)
      expect(readRecordsJson(doc)).toEqual(fixture.expected.records)
      for (const name of ['clusters', 'votes', 'assessments', 'ballots'] as const) {
        // Clusters are maps of fields and members now; read in the version 1 shape.
        expect(boardMapsOf(doc)[name]).toEqual(fixture.expected.maps[name])
      }
      // The vote was closed before votes were sealed (ADR 0013): when the room loads, the server
      // publishes its result from the old shared dots, counted as the old code counted them.
      const { session } = fixture.expected.maps
      const legacyResult = computeVoteResult(
        readVoteSession(session[voteSessionKey]),
        Object.values(fixture.expected.maps.votes),
      )
      expect(legacyResult.voters).toBeGreaterThan(1)
      expect(boardMapsOf(doc).session).toEqual({ ...session, [voteResultKey]: legacyResult })
    } finally {
      provider.destroy()
    }
    expect(server.events('board.migrated')).toHaveLength(1)
  })

  it('is not migrated again after a restart', async () => {
    const logged = updateLogState(server.dataDir, boardId).loggedUpdates
    server = await server.restart()
    expect(await json(api(`/${boardId}/model`))).toEqual(fixture.expected.model)
    // Ranked now by the published vote result, the backlog is still the old code's.
    expect(await backlogOf(boardId, tokens.facilitator)).toEqual(fixture.expected.backlog)
    expect(server.events('board.migrated')).toHaveLength(0)
    expect(updateLogState(server.dataDir, boardId).loggedUpdates).toBe(logged)
  })
})

describe('a board file exported before record layout v2', () => {
  it('imports, in the current layout, with the same backlog', async () => {
    const response = await fetch(`${server.httpUrl}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: fixture.boardFileText,
    })
    expect(response.status).toBe(201)
    const created = (await response.json()) as { id: string; tokens: { facilitator: string } }
    expect(created.id).not.toBe(fixture.board.id)
    // The backlog names its board and links to it: the imported board has a new id.
    const expected = JSON.parse(
      JSON.stringify(fixture.expected.backlog).replaceAll(fixture.board.id, created.id),
    ) as Backlog
    expect(await backlogOf(created.id, created.tokens.facilitator)).toEqual(expected)
    expect(server.events('board.migrated')).toHaveLength(0)
  })
})
