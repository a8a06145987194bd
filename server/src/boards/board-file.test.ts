import { workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type { JsonObject } from '@stormline/shared/sync/json-value'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import { completeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type BoardFile,
  boardFileMapsOf,
  parseBoardFile,
  serializeBoardFile,
  toBoardFile,
} from './board-file.ts'
import type { BoardRecord } from './board-store.ts'
import { workshopDocument } from './workshop-document.ts'

const board: BoardRecord = {
  id: 'SourceBoardId000000000',
  name: 'Payments <img src=x onerror=alert(1)> & co',
  template: 'post-mortem',
  createdAt: new Date('2026-11-20T09:00:00.000Z'),
}
const exportedAt = new Date('2026-11-24T12:00:00.000Z')

const eve = {
  id: 'user:p-eve',
  typeName: 'user',
  name: 'Eve',
  color: '#1971c2',
  imageUrl: '',
  meta: {},
}

/** The workshop as a board of today holds it: stamped by the server, records as record maps. */
function workshopDoc(anonymous = false): Y.Doc {
  const doc = workshopDocument(anonymous)
  const records = doc.getMap<unknown>(docLayout.records)
  records.set(eve.id, encodeRecord(eve))
  // Some history: a deleted sticky and an overwritten value, as a real board has.
  records.delete('shape:team-sec')
  doc.getMap(docLayout.session).set('step', 5)
  return doc
}

type BoardFileRecord = JsonObject & { id: string }

/** Every map as the file shows it: records as plain records. */
/** The file as it travels: serialised, then parsed back as a server would receive it. */
function exported(doc = workshopDoc()): BoardFile {
  return JSON.parse(serializeBoardFile(toBoardFile(board, doc, exportedAt))) as BoardFile
}

function imported(file: unknown): Y.Doc {
  const result = parseBoardFile(file)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, result.file.update)
  return doc
}

function errorOf(file: unknown, limits?: { maxDocumentBytes: number }) {
  const result = parseBoardFile(file, limits)
  if (result.ok) throw new Error('expected the file to be refused')
  return result.error
}

describe('toBoardFile', () => {
  it('holds the board fields, the exact Yjs state and every map of the doc layout as JSON', () => {
    const doc = workshopDoc()
    const file = toBoardFile(board, doc, exportedAt)
    expect(file).toMatchObject({
      format: 'stormline.board',
      version: 1,
      exportedAt: '2026-11-24T12:00:00.000Z',
      board: { name: board.name, template: 'post-mortem', createdAt: '2026-11-20T09:00:00.000Z' },
    })
    expect(Object.keys(file.document.maps).sort()).toEqual(Object.values(docLayout).sort())
    expect(file.document.maps).toEqual(boardFileMapsOf(doc))
    expect(file.document.maps.records['shape:pain-vm-wait']).toEqual(
      completeRecord(workshopMaps.records['shape:pain-vm-wait'] as BoardFileRecord),
    )
    expect(Buffer.from(file.document.yjsUpdate, 'base64')).toEqual(
      Buffer.from(Y.encodeStateAsUpdate(doc)),
    )
  })

  it('serialises HTML-safe: user text round-trips but no <, > or & is in the file', () => {
    const text = serializeBoardFile(toBoardFile(board, workshopDoc(), exportedAt))
    expect(text).not.toMatch(/[<>&]/)
    expect(exported().board.name).toBe(board.name)
  })
})

describe('toBoardFile on an anonymous board', () => {
  const names = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Mallory']

  it('names nobody, in the maps or in the Yjs state, and keeps author and participant ids', () => {
    const file = toBoardFile(board, workshopDoc(true), exportedAt)
    const state = Buffer.from(file.document.yjsUpdate, 'base64').toString('latin1')
    for (const name of names) {
      expect(JSON.stringify(file.document.maps)).not.toContain(name)
      expect(state).not.toContain(name)
    }
    expect(JSON.stringify(file.document.maps)).toContain('p-mallory')
    expect(file.document.maps.records['user:p-eve']).toEqual({ ...eve, name: '' })
    expect(file.document.maps.session.anonymous).toBe(true)
  })

  it('still imports, with the same maps as the file shows', () => {
    const file = exported(workshopDoc(true))
    expect(boardFileMapsOf(imported(file))).toEqual(file.document.maps)
  })

  it('keeps the names on a board that is not anonymous (the check above means something)', () => {
    const state = Buffer.from(
      toBoardFile(board, workshopDoc(), exportedAt).document.yjsUpdate,
      'base64',
    )
    expect(state.toString('latin1')).toContain('Mallory')
  })
})

describe('parseBoardFile', () => {
  it('imports its own export losslessly, from the Yjs state', () => {
    const original = workshopDoc()
    const result = parseBoardFile(exported(original))
    expect(result.ok && result.file.source).toBe('yjsUpdate')
    expect(result.ok && result.file.board).toEqual({
      name: board.name,
      template: 'post-mortem',
      createdAt: board.createdAt,
    })
    expect(boardFileMapsOf(imported(exported(original)))).toEqual(boardFileMapsOf(original))
  })

  it('rebuilds the document from the maps when there is no yjsUpdate (hand-made files)', () => {
    const original = workshopDoc()
    const file = exported(original)
    const { yjsUpdate: _dropped, ...document } = file.document
    const result = parseBoardFile({ ...file, document })
    expect(result.ok && result.file.source).toBe('maps')
    expect(boardFileMapsOf(imported({ ...file, document }))).toEqual(boardFileMapsOf(original))
  })

  it('imports a minimal third-party file with defaults for the board fields', () => {
    const result = parseBoardFile({
      format: 'stormline.board',
      version: 1,
      document: {
        maps: {
          records: Object.fromEntries(
            Object.entries(workshopMaps.records).map(([id, record]) => [
              id,
              completeRecord(record as BoardFileRecord),
            ]),
          ),
        },
      },
    })
    expect(result.ok && result.file.board).toEqual({
      name: 'Untitled discovery session',
      template: 'path-to-production',
      createdAt: null,
    })
  })

  it('takes hand-edited maps once yjsUpdate is removed, and refuses them while it is there', () => {
    const file = exported()
    file.document.maps.clusters = {}
    expect(errorOf(file)).toMatchObject({ code: 'document_mismatch' })
    expect(errorOf(file).message).toContain('clusters')
    const { yjsUpdate: _dropped, ...document } = file.document
    expect(imported({ ...file, document }).getMap(docLayout.clusters).size).toBe(0)
  })

  it.each([
    ['not an object', 'hello', 'invalid_board_file'],
    ['null', null, 'invalid_board_file'],
    ['an array', [], 'invalid_board_file'],
    ['another format', { format: 'tldraw', version: 1, document: {} }, 'invalid_board_file'],
    ['no version', { format: 'stormline.board', document: {} }, 'invalid_board_file'],
    ['a newer version', { format: 'stormline.board', version: 2 }, 'unsupported_version'],
    ['no document', { format: 'stormline.board', version: 1 }, 'invalid_board_file'],
    [
      'an empty document',
      { format: 'stormline.board', version: 1, document: {} },
      'invalid_board_file',
    ],
    [
      'an unknown map',
      { format: 'stormline.board', version: 1, document: { maps: { stickies: {} } } },
      'invalid_board_file',
    ],
    [
      'a map that is not an object',
      { format: 'stormline.board', version: 1, document: { maps: { records: [1, 2] } } },
      'invalid_board_file',
    ],
    [
      'yjsUpdate that is not base64',
      { format: 'stormline.board', version: 1, document: { yjsUpdate: 'not base64!' } },
      'invalid_board_file',
    ],
    [
      'yjsUpdate that is not Yjs',
      {
        format: 'stormline.board',
        version: 1,
        document: { yjsUpdate: Buffer.from('{"hello":"world"}').toString('base64') },
      },
      'corrupt_document',
    ],
    [
      'an unknown template',
      {
        format: 'stormline.board',
        version: 1,
        board: { template: 'kanban' },
        document: { maps: {} },
      },
      'invalid_board_file',
    ],
    [
      'a name that is too long',
      {
        format: 'stormline.board',
        version: 1,
        board: { name: 'x'.repeat(201) },
        document: { maps: {} },
      },
      'invalid_board_file',
    ],
  ])('refuses %s', (_name, file, code) => {
    const error = errorOf(file)
    expect(error.code).toBe(code)
    expect(error.message.length).toBeGreaterThan(0)
  })

  it('names the version it reads', () => {
    expect(errorOf({ format: 'stormline.board', version: 2 }).message).toBe(
      'This board file is version 2; this server reads version 1.',
    )
  })

  it('refuses a truncated update (Yjs would keep its content pending forever)', () => {
    const doc = workshopDoc()
    // Two clients: the second one's edits depend on the first's, which are cut off.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    other.getMap(docLayout.clusters).set('cluster:late', { id: 'cluster:late', name: 'Late' })
    const onlyLate = Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc))
    const file = exported()
    const { maps: _dropped, ...document } = file.document
    const error = errorOf({
      ...file,
      document: { ...document, yjsUpdate: Buffer.from(onlyLate).toString('base64') },
    })
    expect(error.code).toBe('corrupt_document')
  })

  it('never throws on a damaged update', () => {
    const bytes = Y.encodeStateAsUpdate(workshopDoc())
    let seed = 42
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 300; i++) {
      const damaged = bytes.slice(0, i % 3 === 0 ? random(bytes.length) : bytes.length)
      for (let j = 0; j < 4; j++) damaged[random(damaged.length)] = random(256)
      const file = {
        format: 'stormline.board',
        version: 1,
        document: { yjsUpdate: Buffer.from(damaged).toString('base64') },
      }
      expect(() => parseBoardFile(file)).not.toThrow()
    }
  })

  it('caps the document size, both as base64 and as a rebuilt document', () => {
    const file = exported()
    expect(errorOf(file, { maxDocumentBytes: 1024 }).code).toBe('document_too_large')
    const { yjsUpdate: _dropped, ...document } = file.document
    expect(errorOf({ ...file, document }, { maxDocumentBytes: 1024 }).code).toBe(
      'document_too_large',
    )
  })
})

describe('serializeBoardFile', () => {
  it('writes one map entry per line and parses back to the same file', () => {
    const file = toBoardFile(board, workshopDoc(), exportedAt)
    const text = serializeBoardFile(file)
    expect(JSON.parse(text)).toEqual(file)
    const recordLines = text.split('\n').filter((l) => l.startsWith('        "shape:'))
    expect(recordLines).toHaveLength(
      Object.keys(file.document.maps.records).filter((id) => id.startsWith('shape:')).length,
    )
    expect(text).toContain('      "suggestionDecisions": {},\n')
  })
})
