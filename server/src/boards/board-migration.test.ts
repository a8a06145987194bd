import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { readBoard } from '@stormline/shared/board/read-board'
import { boardSchemaSerialized } from '@stormline/shared/sync/board-schema'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import type { JsonObject } from '@stormline/shared/sync/json-value'
import {
  encodeRecord,
  hasCurrentLayout,
  readRecordsJson,
} from '@stormline/shared/sync/record-layout'
import { stickyRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { legacyBoardFixture, storeLegacyBoard } from '../../test/support/legacy-board-fixture.ts'
import type { Logger } from '../logging/logger.ts'
import { answeredNow } from './awaitable-testing.ts'
import { boardNeedsMigration, migrateBoard } from './board-migration.ts'
import { legacyAppSchema } from './legacy-app-schema.ts'
import { MemoryBoardStore } from './memory-board-store.ts'
import { loadBoardDocument, replayStoredDocument } from './stored-document.ts'

function capturingLogger(): Logger & { events: { event: string; fields: unknown }[] } {
  const events: { event: string; fields: unknown }[] = []
  const push = (event: string, fields?: Record<string, unknown>) => events.push({ event, fields })
  return { events, info: push, warn: push, error: push }
}

/** A board as layout v1 stored it: one JSON value per record, the writer's schema in meta. */
function v1Doc(records: JsonObject[], schema: unknown = legacyAppSchema): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const record of records) doc.getMap(docLayout.records).set(record.id as string, record)
    if (schema !== null) doc.getMap(docLayout.meta).set(schemaMetaKey, schema)
  })
  return doc
}

const page = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }

/** A note as tldraw stored it at note props version 8: plain `text`, no rich text yet. */
function noteAtVersion8(id: string, text: string): JsonObject {
  const {
    richText: _richText,
    textLastEditedBy: _edited,
    ...props
  } = stickyRecord(id).props as JsonObject
  return { ...stickyRecord(id, { kind: 'pain' }), props: { ...props, fontSizeAdjustment: 0, text } }
}

const olderSchema = {
  ...legacyAppSchema,
  sequences: { ...legacyAppSchema.sequences, 'com.tldraw.shape.note': 8 },
}

describe('migrateBoard (MIG-1)', () => {
  it('rewrites a layout v1 board as record maps in one update, stamped with the server schema', () => {
    const sticky = stickyRecord('shape:a', { text: 'Hello', kind: 'pain', context: 'why' })
    const doc = v1Doc([page, sticky])
    const before = readRecordsJson(doc)
    const { update, summary } = migrateBoard(doc)
    expect(summary).toMatchObject({ fromLayout: 1, schemaSource: 'board', rewritten: 2, kept: [] })
    expect(update).not.toBeNull()
    expect(doc.getMap(docLayout.records).get('shape:a')).toBeInstanceOf(Y.Map)
    expect(readRecordsJson(doc)).toEqual(before)
    expect(hasCurrentLayout(doc)).toBe(true)
    expect(doc.getMap(docLayout.meta).get(schemaMetaKey)).toEqual(boardSchemaSerialized)
    // The update alone turns the stored board into the migrated one.
    const copy = v1Doc([page, sticky])
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(copy))
    expect(readRecordsJson(elsewhere)).toEqual(before)
  })

  it('finds nothing to do the second time', () => {
    const doc = v1Doc([page])
    migrateBoard(doc)
    expect(boardNeedsMigration(doc)).toBe(false)
    expect(migrateBoard(doc).update).toBeNull()
  })

  it('migrates records up from the schema they were written with', () => {
    const doc = v1Doc([page, noteAtVersion8('shape:old', 'Two\nlines')], olderSchema)
    const { summary } = migrateBoard(doc)
    expect(summary).toMatchObject({ migrated: 1, kept: [] })
    const props = (readRecordsJson(doc)['shape:old'] as { props: JsonObject }).props
    expect(props.text).toBeUndefined()
    expect(props.richText).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Two' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'lines' }] },
      ],
    })
    expect(props.textLastEditedBy).toBeNull()
    expect(props.fontSizeAdjustment).toBe(1)
    // Plain text became a Y.Text, as the layout keeps it.
    const map = doc.getMap(docLayout.records).get('shape:old') as Y.Map<Y.Map<unknown>>
    expect(map.get('props')?.get('richText')).toBeInstanceOf(Y.Text)
  })

  it('patches only the fields that changed on a layout v2 board of an older schema', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>(docLayout.records)
    doc.transact(() => {
      records.set('shape:old', encodeRecord(noteAtVersion8('shape:old', 'Hi')))
      doc.getMap(docLayout.meta).set('layoutVersion', 2)
      doc.getMap(docLayout.meta).set(schemaMetaKey, olderSchema)
    })
    const map = records.get('shape:old') as Y.Map<unknown>
    const props = map.get('props')
    migrateBoard(doc)
    // Same record map, same props map: a peer's concurrent edit to another field survives.
    expect(records.get('shape:old')).toBe(map)
    expect(map.get('props')).toBe(props)
    expect((readRecordsJson(doc)['shape:old'] as { props: JsonObject }).props.text).toBeUndefined()
  })

  it('assumes the schema of the app before layout v2 when the board names none', () => {
    const doc = v1Doc([page, stickyRecord('shape:a')], null)
    const { summary } = migrateBoard(doc)
    expect(summary).toMatchObject({ schemaSource: 'assumed', kept: [] })
    expect(doc.getMap(docLayout.meta).get(schemaMetaKey)).toEqual(boardSchemaSerialized)
  })

  it('keeps a record it cannot migrate or validate, exactly as it was, and says so', () => {
    const broken = { ...stickyRecord('shape:broken', { text: 'Keep me' }), x: 'left' }
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    const doc = v1Doc([page, broken, camera])
    doc.getMap(docLayout.records).set('shape:odd', 42)
    const { summary } = migrateBoard(doc)
    expect(summary.kept.map((kept) => kept.id).sort()).toEqual([
      'camera:page:page',
      'shape:broken',
      'shape:odd',
    ])
    expect(summary.kept.find((kept) => kept.id === 'shape:broken')?.reason).toMatch(/invalid shape/)
    const after = readRecordsJson(doc)
    expect(after['shape:broken']).toEqual(broken)
    expect(after['camera:page:page']).toEqual(camera)
    expect(after['shape:odd']).toBe(42)
  })

  it('leaves records of a newer schema alone (a rollback) and does not restamp them', () => {
    const newer = {
      ...boardSchemaSerialized,
      sequences: { ...boardSchemaSerialized.sequences, 'com.tldraw.shape.note': 99 },
    }
    const doc = v1Doc([page, stickyRecord('shape:a')], newer)
    const { summary } = migrateBoard(doc)
    expect(summary).toMatchObject({ schemaNewer: true, rewritten: 2, migrated: 0 })
    expect(doc.getMap(docLayout.meta).get(schemaMetaKey)).toEqual(newer)
    // Nothing more to do on the next load, though the schema still differs.
    expect(migrateBoard(doc).update).toBeNull()
  })
})

describe('the legacy board made with the code before layout v2', () => {
  const fixture = legacyBoardFixture()

  it('migrates with every sticky, cluster, vote and assessment intact', () => {
    const doc = replayStoredDocument(fixture.stored)
    expect(hasCurrentLayout(doc)).toBe(false)
    const { update, summary } = migrateBoard(doc)
    expect(update).not.toBeNull()
    expect(summary).toMatchObject({
      fromLayout: 1,
      schemaSource: 'board',
      records: Object.keys(fixture.expected.records).length,
      rewritten: Object.keys(fixture.expected.records).length,
      migrated: 0,
      kept: [],
    })
    const maps = boardMapsOf(doc)
    expect(maps.records).toEqual(fixture.expected.records)
    expect({ ...maps, records: undefined }).toEqual({
      ...fixture.expected.maps,
      records: undefined,
    })
    expect(buildBacklog({ id: fixture.board.id, name: fixture.board.name }, maps)).toEqual(
      fixture.expected.backlog,
    )
    expect(readBoard(maps.records, maps.session)).toEqual(fixture.expected.model)
  })

  it('is migrated once by the loader: one appended update, logged; the next load appends nothing', () => {
    const store = new MemoryBoardStore()
    storeLegacyBoard(store, fixture)
    const logger = capturingLogger()
    const first = answeredNow(loadBoardDocument(store, fixture.board.id, { logger }))
    expect(first.migration).not.toBeNull()
    expect(store.loadDocument(fixture.board.id).updates).toHaveLength(
      fixture.stored.updates.length + 1,
    )
    expect(logger.events).toEqual([
      {
        event: 'board.migrated',
        fields: expect.objectContaining({
          boardId: fixture.board.id,
          fromLayout: 1,
          rewritten: Object.keys(fixture.expected.records).length,
          kept: 0,
        }),
      },
    ])
    const second = answeredNow(loadBoardDocument(store, fixture.board.id, { logger }))
    expect(second.migration).toBeNull()
    expect(logger.events).toHaveLength(1)
    expect(readRecordsJson(second.doc)).toEqual(fixture.expected.records)
    expect(hasCurrentLayout(second.doc)).toBe(true)
  })

  it('migrates only the loaded copy when told not to persist', () => {
    const store = new MemoryBoardStore()
    storeLegacyBoard(store, fixture)
    const loaded = answeredNow(
      loadBoardDocument(store, fixture.board.id, {
        logger: capturingLogger(),
        persist: false,
      }),
    )
    expect(hasCurrentLayout(loaded.doc)).toBe(true)
    expect(store.loadDocument(fixture.board.id).updates).toHaveLength(fixture.stored.updates.length)
  })
})
