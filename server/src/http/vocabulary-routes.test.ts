import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { boardSuggestions } from '@stormline/shared/backlog/board-suggestions'
import { compileVocabulary, readVocabulary } from '@stormline/shared/suggestions/vocabulary'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { issueTokens } from '../access/tokens.ts'
import { createApp } from '../app.ts'
import type { BoardRecord } from '../boards/board-store.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { workshopDocument } from '../boards/workshop-document.ts'
import { loadConfig, type ServerConfig } from '../config.ts'
import type { DerivedReads } from '../derived/derived-reads.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'

/**
 * GET /api/vocabulary and the suggestions route with an operator's vocabulary (ADR 0016): the
 * browser gets the vocabulary the server suggests with, so both compute the same suggestions.
 */

const board: BoardRecord = {
  id: 'VocabularyBoardId00000',
  name: 'Payments: path to production',
  template: 'path-to-production',
  createdAt: new Date('2026-11-20T09:00:00.000Z'),
}
const { tokens, hashes } = issueTokens()

let dir: string
let config: ServerConfig
let store: MemoryBoardStore
let registry: RoomRegistry
let app: Hono
let derived: DerivedReads

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stormline-vocabulary-'))
  const file = path.join(dir, 'vocabulary.json')
  // Words only this board's odd stickies share: the operator's group makes them a suggestion.
  writeFileSync(
    file,
    JSON.stringify({
      concepts: [
        { id: 'stale', label: 'stale data', words: ['months', 'old', 'hyperlink', 'heading'] },
      ],
    }),
  )
  config = loadConfig({ VOCABULARY_FILE: file })
  store = new MemoryBoardStore()
  registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  ;({ app, derived } = createApp({ config, store, registry, logger: silentLogger }))
  const doc = workshopDocument()
  await store.createBoard(board, hashes, Y.encodeStateAsUpdate(doc))
})

afterEach(async () => {
  await derived.close()
  await registry.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the vocabulary route', () => {
  it("serves the built-in groups merged with the operator's, to anyone", async () => {
    const response = await app.request('http://localhost:3000/api/vocabulary')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const served = readVocabulary(await response.json())
    expect(served).toEqual(config.vocabulary)
    expect(served?.concepts.at(-1)?.id).toBe('stale')
    expect(served?.concepts.some((c) => c.id === 'access')).toBe(true)
  })

  it('is the vocabulary the suggestions route suggests with', async () => {
    const response = await app.request(`http://localhost:3000/api/boards/${board.id}/suggestions`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    })
    expect(response.status).toBe(200)
    const doc = replayStoredDocument(await store.loadDocument(board.id))
    const expected = boardSuggestions(boardMapsOf(doc), compileVocabulary(config.vocabulary))
    doc.destroy()
    const text = await response.text()
    expect(text).toBe(JSON.stringify(expected))
    expect(JSON.parse(text).suggestions[0].name).toBe('Stale data')
  })
})
