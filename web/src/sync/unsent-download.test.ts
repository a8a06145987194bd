import { docLayout } from '@stormline/shared/sync/doc-layout'
import type { JsonObject } from '@stormline/shared/sync/json-value'
import { putRecord, readRecordsJson } from '@stormline/shared/sync/record-layout'
import { fromBase64 } from 'lib0/buffer'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { noteRecord } from './test-records.ts'
import { memoryStorage, saveUnsaved } from './unsaved-storage.ts'
import {
  unsentChangesFile,
  unsentChangesInBrowser,
  unsentFileFormat,
  unsentFileName,
  unsentStickies,
} from './unsent-download.ts'

function sticky(name: string, text: string, kind?: string): JsonObject & { id: string } {
  const record = noteRecord(name, text) as unknown as JsonObject & { id: string }
  return kind === undefined ? record : { ...record, meta: { stormline: { kind, context: 'why' } } }
}

/** A board the server has (`server`), and this browser's copy of it with local changes on top. */
function boardWithLocalChanges() {
  const server = new Y.Doc()
  server.clientID = 1
  const records = server.getMap<unknown>(docLayout.records)
  putRecord(records, sticky('saved', 'On the server', 'event'))
  putRecord(records, sticky('edited', 'Before', 'pain'))

  const local = new Y.Doc()
  local.clientID = 2
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
  const serverVector = Y.decodeStateVector(Y.encodeStateVector(server))
  const localRecords = local.getMap<unknown>(docLayout.records)
  putRecord(localRecords, sticky('new', 'Written on the train', 'question'))
  const edited = localRecords.get('shape:edited') as Y.Map<unknown>
  edited.set('x', 120)
  return { server, local, serverVector }
}

describe('unsent changes download', () => {
  it('OFF-3: holds the unacknowledged Yjs update and a readable list of the changed stickies', () => {
    const { server, local, serverVector } = boardWithLocalChanges()
    const file = unsentChangesFile({
      boardId: 'AbCdEfGhIjKlMnOpQrStUv',
      doc: local,
      serverVector,
      unsavedChanges: 2,
      now: new Date('2025-03-01T10:00:00Z'),
    })
    expect(file).toMatchObject({
      format: unsentFileFormat,
      version: 1,
      boardId: 'AbCdEfGhIjKlMnOpQrStUv',
      savedAt: '2025-03-01T10:00:00.000Z',
      unsavedChanges: 2,
    })
    expect(file.stickies).toEqual([
      { id: 'shape:edited', text: 'Before', kind: 'pain', context: 'why' },
      { id: 'shape:new', text: 'Written on the train', kind: 'question', context: 'why' },
    ])
    // Applied to the server's board, the update brings back exactly the local changes.
    Y.applyUpdate(server, fromBase64(file.update))
    expect(readRecordsJson(server)).toEqual(readRecordsJson(local))
    // And it leaves out what the server already had.
    expect(fromBase64(file.update).byteLength).toBeLessThan(Y.encodeStateAsUpdate(local).byteLength)
    expect(unsentFileName('AbC')).toBe('stormline-unsaved-AbC.json')
  })

  it('OFF-3: lists a sticky whose text was typed into, and none once the server has everything', () => {
    const { local, serverVector } = boardWithLocalChanges()
    expect(unsentStickies(local, Y.decodeStateVector(Y.encodeStateVector(local)))).toEqual([])
    const text = (
      local.getMap<unknown>(docLayout.records).get('shape:saved') as Y.Map<unknown>
    ).get('props') as Y.Map<unknown>
    const richText = text.get('richText')
    expect(richText).toBeInstanceOf(Y.Text)
    ;(richText as Y.Text).insert(0, 'Still ')
    expect(unsentStickies(local, serverVector).map((entry) => entry.id)).toContain('shape:saved')
  })

  it('OFF-3: puts the whole copy in when the server was never heard from', () => {
    const { local } = boardWithLocalChanges()
    const file = unsentChangesFile({
      boardId: 'b',
      doc: local,
      serverVector: null,
      unsavedChanges: 1,
    })
    expect(file.stickies).toHaveLength(3)
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, fromBase64(file.update))
    expect(readRecordsJson(fresh)).toEqual(readRecordsJson(local))
  })

  it('OFF-3: without a list of unsaved changes, offers nothing from the browser', async () => {
    expect(await unsentChangesInBrowser('b', memoryStorage())).toBeNull()
    // No IndexedDB in Node: nothing to read even with a list.
    const storage = memoryStorage()
    saveUnsaved(storage, 'b', 1, { changes: [{ ends: [[1, 1]] }], serverVector: null })
    expect(await unsentChangesInBrowser('b', storage)).toBeNull()
    expect(await unsentChangesInBrowser('b', null)).toBeNull()
  })
})
