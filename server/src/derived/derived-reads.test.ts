import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { boardSuggestions } from '@stormline/shared/backlog/board-suggestions'
import { backlogFormats, exportBacklog } from '@stormline/shared/backlog/export-backlog'
import { readBoard } from '@stormline/shared/board/read-board'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newAccessToken } from '../access/tokens.ts'
import { backlogOf } from '../boards/board-backlog.ts'
import type { BoardRecord } from '../boards/board-store.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { workshopDocument } from '../boards/workshop-document.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'
import type { DerivedMetrics } from './derived-metrics.ts'
import { createDerivedReads, type DerivedReads } from './derived-reads.ts'

/**
 * The derived reads over a real registry and store, computed on a real worker thread: the texts
 * equal what the shared functions make of the same board on this thread.
 */

const board: BoardRecord = {
  id: 'DerivedBoardId00000000',
  name: 'Payments: path to production',
  template: 'future-backwards',
  createdAt: new Date('2026-11-20T09:00:00.000Z'),
}
const baseUrl = 'https://stormline.example.org'

/** Counts what the reads report (the Prometheus side is tested with the server's /metrics). */
class CountingMetrics implements DerivedMetrics {
  hits = 0
  misses = 0
  computations = 0
  cacheLookup(result: 'hit' | 'miss'): void {
    if (result === 'hit') this.hits++
    else this.misses++
  }
  computed(seconds: number): void {
    expect(seconds).toBeGreaterThanOrEqual(0)
    this.computations++
  }
}

let store: MemoryBoardStore
let registry: RoomRegistry
let metrics: CountingMetrics
let derived: DerivedReads

beforeEach(async () => {
  store = new MemoryBoardStore()
  registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  metrics = new CountingMetrics()
  derived = createDerivedReads({ documents: registry, workers: 1, metrics })
  // The workshop as a board of today holds it: stamped by the server, records as record maps.
  const doc = workshopDocument()
  await store.createBoard(board, undefined, Y.encodeStateAsUpdate(doc))
})

afterEach(async () => {
  await derived.close()
  await registry.close()
})

/** What the routes computed on the event loop before the derived reads. */
async function onThisThread<T>(read: (doc: Y.Doc) => T): Promise<T> {
  const doc = replayStoredDocument(await store.loadDocument(board.id))
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

describe('derived reads', () => {
  it('compute the model and the suggestions as the shared code does, as JSON text', async () => {
    const model = await onThisThread((doc) => {
      const maps = boardMapsOf(doc)
      return readBoard(maps.records, maps.session)
    })
    expect(model.stickies.length).toBeGreaterThan(5)
    expect(await derived.model(board.id)).toBe(JSON.stringify(model))
    const suggestions = await onThisThread((doc) => boardSuggestions(boardMapsOf(doc)))
    expect(await derived.suggestions(board.id)).toBe(JSON.stringify(suggestions))
  })

  it.each(backlogFormats)(
    'compute the %s backlog file byte for byte, with and without a viewer token',
    async (format) => {
      const token = newAccessToken()
      for (const viewerToken of [null, token]) {
        const expected = await onThisThread((doc) =>
          exportBacklog(backlogOf(board, doc), format, baseUrl, { viewerToken }),
        )
        expect(await derived.backlog(board, format, baseUrl, viewerToken)).toBe(expected)
      }
      expect(await derived.backlog(board, format, baseUrl, token)).toContain(token)
      expect(await derived.backlog(board, format, baseUrl, null)).not.toContain(token)
    },
  )

  it('answer a repeated read from the cache until the board changes', async () => {
    const first = await derived.model(board.id)
    expect(await derived.model(board.id)).toBe(first)
    expect(metrics).toMatchObject({ misses: 1, hits: 1, computations: 1 })

    const change = replayStoredDocument(await store.loadDocument(board.id))
    change.getMap(docLayout.session).set('step', 4)
    await store.appendUpdate(board.id, Y.encodeStateAsUpdate(change))
    const changed = await derived.model(board.id)
    expect(changed).not.toBe(first)
    expect(changed).toBe(
      JSON.stringify(
        await onThisThread((doc) => {
          const maps = boardMapsOf(doc)
          return readBoard(maps.records, maps.session)
        }),
      ),
    )
    expect(metrics).toMatchObject({ misses: 2, hits: 1, computations: 2 })
  })

  it('share one computation between identical reads at the same moment', async () => {
    const texts = await Promise.all(
      Array.from({ length: 5 }, () => derived.backlog(board, 'md', baseUrl, null)),
    )
    expect(new Set(texts).size).toBe(1)
    expect(metrics).toMatchObject({ misses: 1, hits: 4, computations: 1 })
  })

  it('keep reads apart by every parameter of the output, board name included', async () => {
    const renamed = { ...board, name: 'Renamed board' }
    const texts = [
      await derived.backlog(board, 'md', baseUrl, null),
      await derived.backlog(renamed, 'md', baseUrl, null),
      await derived.backlog(board, 'md', 'http://localhost:3000', null),
      await derived.backlog(board, 'md', baseUrl, newAccessToken()),
      await derived.backlog(board, 'csv', baseUrl, null),
      await derived.model(board.id),
      await derived.suggestions(board.id),
    ]
    expect(new Set(texts).size).toBe(texts.length)
    expect(texts[1]).toContain('Renamed board')
    expect(metrics).toMatchObject({ misses: texts.length, hits: 0 })
  })

  it('answer null for an unknown board', async () => {
    expect(await derived.model('NoSuchBoard00000000000')).toBeNull()
    expect(await derived.suggestions('not a board id')).toBeNull()
    expect(
      await derived.backlog({ ...board, id: 'NoSuchBoard00000000000' }, 'md', baseUrl, null),
    ).toBeNull()
  })

  it('fail every read once closed', async () => {
    await derived.close()
    await expect(derived.model(board.id)).rejects.toThrow(/closed/)
  })
})
