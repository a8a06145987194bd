import { DocumentRecordType, type IndexKey, PageRecordType, TLDOCUMENT_ID } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { createAppStore, stickyRecord } from '../sync/test-records.ts'
import { checkpointViewRecords } from './checkpoint-records.ts'

/** A checkpoint's records as the server sends them: JSON keyed by id. */
function asJson(records: readonly { id: string }[]): Record<string, unknown> {
  return Object.fromEntries(
    records.map((record) => [record.id, JSON.parse(JSON.stringify(record))]),
  )
}

describe('a checkpoint in the read-only view', () => {
  it('puts every valid record of the board into a store with the app’s schema', () => {
    const document = DocumentRecordType.create({ id: TLDOCUMENT_ID })
    const page = PageRecordType.create({
      id: PageRecordType.createId('page'),
      name: 'Page 1',
      index: 'a1' as IndexKey,
    })
    const sticky = { ...stickyRecord('a', 'VM takes two weeks'), parentId: page.id }
    const view = createAppStore()
    const { records, skipped } = checkpointViewRecords(
      asJson([document, page, sticky]),
      view.schema,
    )
    expect(skipped).toBe(0)
    view.put(records)
    expect(view.get(sticky.id)).toEqual(sticky)
    expect(view.get(page.id)).toEqual(page)
  })

  it('leaves out what the board may not hold, and says how much', () => {
    const sticky = stickyRecord('a', 'VM takes two weeks')
    const content = {
      ...asJson([sticky]),
      // A record under another id, an unknown type, a per-browser camera, a broken note.
      'shape:elsewhere': { ...sticky },
      'thing:1': { id: 'thing:1', typeName: 'thing' },
      'camera:page:page': { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1 },
      'shape:broken': { ...sticky, id: 'shape:broken', props: { color: 'no such colour' } },
    }
    const { records, skipped } = checkpointViewRecords(content, createAppStore().schema)
    expect(records.map((record) => record.id)).toEqual([sticky.id])
    expect(skipped).toBe(4)
  })
})
