import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { boardSchemaSerialized } from '@stormline/shared/sync/board-schema'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import {
  encodeRecord,
  hasCurrentLayout,
  readRecordsJson,
} from '@stormline/shared/sync/record-layout'
import { pageRecord, stickyRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { legacyBoardFixture } from '../../test/support/legacy-board-fixture.ts'
import { type BoardFile, parseBoardFile, serializeBoardFile, toBoardFile } from './board-file.ts'
import type { BoardRecord } from './board-store.ts'
import { initialDocumentUpdate } from './initial-document.ts'

const fixture = legacyBoardFixture()
const board: BoardRecord = {
  id: 'SourceBoardId000000000',
  name: 'Layouts',
  template: 'path-to-production',
  createdAt: new Date('2026-11-20T09:00:00.000Z'),
}
const exportedAt = new Date('2026-11-24T12:00:00.000Z')

function imported(file: unknown): Y.Doc {
  const result = parseBoardFile(file)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, result.file.update)
  return doc
}

function refusal(file: unknown) {
  const result = parseBoardFile(file)
  if (result.ok) throw new Error('expected the file to be refused')
  return result.error
}

/** A board of today: stamped by the server, records as record maps. */
function currentDoc(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initialDocumentUpdate({ anonymous: false }))
  const records = doc.getMap<unknown>(docLayout.records)
  doc.transact(() => {
    records.set(pageRecord.id, encodeRecord(pageRecord))
    records.set(
      'shape:a',
      encodeRecord(stickyRecord('shape:a', { text: 'Two\nlines', kind: 'pain' })),
    )
  })
  return doc
}

function exported(doc: Y.Doc): BoardFile {
  return JSON.parse(serializeBoardFile(toBoardFile(board, doc, exportedAt))) as BoardFile
}

function withoutYjsUpdate(file: BoardFile): unknown {
  const { yjsUpdate: _dropped, ...document } = file.document
  return { ...file, document }
}

describe('board files and record layouts', () => {
  it('exports records as plain tldraw records and the exact Yjs state', () => {
    const doc = currentDoc()
    const file = toBoardFile(board, doc, exportedAt)
    expect(file.document.maps.records).toEqual(readRecordsJson(doc))
    expect(file.document.maps.records['shape:a']).toEqual(
      stickyRecord('shape:a', { text: 'Two\nlines', kind: 'pain' }),
    )
    expect(file.document.maps.meta).toEqual({
      layoutVersion: 2,
      [schemaMetaKey]: boardSchemaSerialized,
    })
    expect(Buffer.from(file.document.yjsUpdate, 'base64')).toEqual(
      Buffer.from(Y.encodeStateAsUpdate(doc)),
    )
    const again = imported(exported(doc))
    expect(readRecordsJson(again)).toEqual(readRecordsJson(doc))
  })

  it('imports a file exported before layout v2 (its Yjs state), migrated, with the same backlog', () => {
    const result = parseBoardFile(fixture.boardFile)
    expect(result.ok && result.file.source).toBe('yjsUpdate')
    const doc = imported(fixture.boardFile)
    expect(hasCurrentLayout(doc)).toBe(true)
    expect(doc.getMap(docLayout.meta).get(schemaMetaKey)).toEqual(boardSchemaSerialized)
    expect(doc.getMap(docLayout.records).get('shape:pain-vm-wait')).toBeInstanceOf(Y.Map)
    const maps = boardMapsOf(doc)
    expect(maps.records).toEqual(fixture.expected.records)
    expect(buildBacklog({ id: fixture.board.id, name: fixture.board.name }, maps)).toEqual(
      fixture.expected.backlog,
    )
  })

  it('imports that file from its maps alone (edited by hand), built as record maps', () => {
    const doc = imported(withoutYjsUpdate(fixture.boardFile as unknown as BoardFile))
    expect(hasCurrentLayout(doc)).toBe(true)
    expect(doc.getMap(docLayout.records).get('shape:timeline')).toBeInstanceOf(Y.Map)
    expect(boardMapsOf(doc).records).toEqual(fixture.expected.records)
  })

  it('imports the maps of a new file alone', () => {
    const doc = currentDoc()
    const again = imported(withoutYjsUpdate(exported(doc)))
    expect(readRecordsJson(again)).toEqual(readRecordsJson(doc))
  })

  it('refuses a file with an invalid record, naming it, from the maps or the Yjs state', () => {
    const doc = currentDoc()
    const file = exported(doc)
    file.document.maps.records['shape:a'] = {
      ...stickyRecord('shape:a'),
      props: { ...stickyRecord('shape:a').props, color: 'chartreuse' },
    }
    const fromMaps = refusal(withoutYjsUpdate(file))
    expect(fromMaps.code).toBe('invalid_record')
    expect(fromMaps.message).toContain('"shape:a"')
    expect(fromMaps.message).toMatch(/color/)

    doc
      .getMap(docLayout.records)
      .set(
        'camera:page:page',
        encodeRecord({ id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }),
      )
    const fromState = refusal(exported(doc))
    expect(fromState).toMatchObject({ code: 'invalid_record' })
    expect(fromState.message).toContain('camera:page:page')
  })

  it('refuses a layout v1 record that is not valid once migrated, and a plain value', () => {
    const doc = new Y.Doc()
    doc.getMap(docLayout.records).set('shape:x', { ...stickyRecord('shape:x'), id: 'shape:y' })
    const file = exported(doc)
    expect(refusal(file).message).toMatch(/"shape:x".*does not match its key/)
    const odd = new Y.Doc()
    odd.getMap(docLayout.records).set('shape:odd', 'just a string')
    expect(refusal(exported(odd)).message).toContain('"shape:odd"')
  })
})
