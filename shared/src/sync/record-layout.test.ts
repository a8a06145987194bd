import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docLayout } from './doc-layout.ts'
import {
  decodeRecord,
  encodeRecord,
  hasCurrentLayout,
  migrateRecordsToCurrentLayout,
  patchRecord,
  putRecord,
  readRecordsJson,
} from './record-layout.ts'
import { richTextFromPlainText } from './rich-text-field.ts'

const sticky = {
  id: 'shape:s1',
  typeName: 'shape',
  type: 'note',
  x: 10,
  y: 20,
  rotation: 0,
  props: { color: 'red', richText: richTextFromPlainText('Release needs CAB approval'), w: 200 },
  meta: { stormline: { kind: 'pain', context: '', needsDeepDive: false }, other: 1 },
}

function recordsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docLayout.records)
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('record layout v2', () => {
  it('stores a record as maps of fields and reads back the same JSON', () => {
    const doc = new Y.Doc()
    recordsOf(doc).set(sticky.id, encodeRecord(sticky))
    const stored = recordsOf(doc).get(sticky.id) as Y.Map<unknown>
    expect(stored).toBeInstanceOf(Y.Map)
    expect(stored.get('props')).toBeInstanceOf(Y.Map)
    expect((stored.get('props') as Y.Map<unknown>).get('richText')).toBeInstanceOf(Y.Text)
    expect((stored.get('meta') as Y.Map<unknown>).get('stormline')).toBeInstanceOf(Y.Map)
    expect(decodeRecord(stored)).toEqual(sticky)
    expect(readRecordsJson(doc)).toEqual({ [sticky.id]: sticky })
  })

  it('reads a version 1 record (one JSON value) as itself', () => {
    expect(decodeRecord(sticky)).toBe(sticky)
  })

  it('patches only the fields that changed (MERGE-1)', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    recordsOf(a).set(sticky.id, encodeRecord(sticky))
    sync(a, b)
    const moved = { ...sticky, x: 500 }
    const retyped = {
      ...sticky,
      props: {
        ...sticky.props,
        richText: richTextFromPlainText('Release needs two CAB approvals'),
      },
      meta: { ...sticky.meta, stormline: { ...sticky.meta.stormline, context: 'weekly CAB' } },
    }
    a.transact(() => patchRecord(recordsOf(a).get(sticky.id) as Y.Map<unknown>, sticky, moved))
    b.transact(() => patchRecord(recordsOf(b).get(sticky.id) as Y.Map<unknown>, sticky, retyped))
    sync(a, b)
    const expected = { ...retyped, x: 500 }
    expect(readRecordsJson(a)[sticky.id]).toEqual(expected)
    expect(readRecordsJson(b)[sticky.id]).toEqual(expected)
  })

  it('keeps both people’s characters when they type in one sticky (MERGE-3)', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    recordsOf(a).set(sticky.id, encodeRecord(sticky))
    sync(a, b)
    const withText = (text: string) => ({
      ...sticky,
      props: { ...sticky.props, richText: richTextFromPlainText(text) },
    })
    a.transact(() =>
      patchRecord(
        recordsOf(a).get(sticky.id) as Y.Map<unknown>,
        sticky,
        withText('Release needs weekly CAB approval'),
      ),
    )
    b.transact(() =>
      patchRecord(
        recordsOf(b).get(sticky.id) as Y.Map<unknown>,
        sticky,
        withText('Release needs CAB approval!'),
      ),
    )
    sync(a, b)
    const text = (doc: Y.Doc) => (readRecordsJson(doc)[sticky.id] as typeof sticky).props.richText
    expect(text(a)).toEqual(richTextFromPlainText('Release needs weekly CAB approval!'))
    expect(text(b)).toEqual(text(a))
  })

  it('stores the text tldraw’s editor writes (with `dir` attributes) as a Y.Text, merging typing', () => {
    const typed = (text: string) => ({
      type: 'doc',
      attrs: { dir: 'auto' },
      content: [{ type: 'paragraph', attrs: { dir: 'auto' }, content: [{ type: 'text', text }] }],
    })
    const start = { ...sticky, props: { ...sticky.props, richText: typed('middle') } }
    const a = new Y.Doc()
    const b = new Y.Doc()
    recordsOf(a).set(sticky.id, encodeRecord(start))
    sync(a, b)
    const props = (doc: Y.Doc) =>
      (recordsOf(doc).get(sticky.id) as Y.Map<unknown>).get('props') as Y.Map<unknown>
    expect(props(a).get('richText')).toBeInstanceOf(Y.Text)
    const withText = (text: string) => ({
      ...start,
      props: { ...start.props, richText: typed(text) },
    })
    a.transact(() =>
      patchRecord(recordsOf(a).get(sticky.id) as Y.Map<unknown>, start, withText('start middle')),
    )
    b.transact(() =>
      patchRecord(recordsOf(b).get(sticky.id) as Y.Map<unknown>, start, withText('middle end')),
    )
    sync(a, b)
    for (const doc of [a, b]) {
      expect((readRecordsJson(doc)[sticky.id] as typeof start).props.richText).toEqual(
        typed('start middle end'),
      )
    }
  })

  it('deletes fields the new version no longer has, and only those', () => {
    const doc = new Y.Doc()
    recordsOf(doc).set(sticky.id, encodeRecord(sticky))
    const { other: _dropped, ...meta } = sticky.meta
    const after = { ...sticky, meta }
    doc.transact(() => patchRecord(recordsOf(doc).get(sticky.id) as Y.Map<unknown>, sticky, after))
    expect(readRecordsJson(doc)[sticky.id]).toEqual(after)
  })

  it('switches a text to JSON when it gets formatting, and back', () => {
    const doc = new Y.Doc()
    recordsOf(doc).set(sticky.id, encodeRecord(sticky))
    const bold = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'bold' }] }] },
      ],
    }
    const formatted = { ...sticky, props: { ...sticky.props, richText: bold } }
    doc.transact(() =>
      patchRecord(recordsOf(doc).get(sticky.id) as Y.Map<unknown>, sticky, formatted),
    )
    expect(readRecordsJson(doc)[sticky.id]).toEqual(formatted)
    doc.transact(() =>
      patchRecord(recordsOf(doc).get(sticky.id) as Y.Map<unknown>, formatted, sticky),
    )
    expect(readRecordsJson(doc)[sticky.id]).toEqual(sticky)
  })

  it('putRecord writes a new map for a new or legacy key and patches an existing map', () => {
    const doc = new Y.Doc()
    const records = recordsOf(doc)
    records.set(sticky.id, { ...sticky })
    doc.transact(() => putRecord(records, sticky))
    const map = records.get(sticky.id)
    expect(map).toBeInstanceOf(Y.Map)
    doc.transact(() => putRecord(records, { ...sticky, y: 99 }))
    expect(records.get(sticky.id)).toBe(map)
    expect((readRecordsJson(doc)[sticky.id] as typeof sticky).y).toBe(99)
  })

  it('migrates version 1 records in place and marks the board (MIG-1)', () => {
    const doc = new Y.Doc()
    recordsOf(doc).set(sticky.id, sticky)
    recordsOf(doc).set('page:page', {
      id: 'page:page',
      typeName: 'page',
      name: 'Page 1',
      index: 'a1',
      meta: {},
    })
    expect(hasCurrentLayout(doc)).toBe(false)
    let rewritten = 0
    doc.transact(() => {
      rewritten = migrateRecordsToCurrentLayout(doc)
    })
    expect(rewritten).toBe(2)
    expect(hasCurrentLayout(doc)).toBe(true)
    expect(recordsOf(doc).get(sticky.id)).toBeInstanceOf(Y.Map)
    expect(readRecordsJson(doc)[sticky.id]).toEqual(sticky)
    doc.transact(() => {
      rewritten = migrateRecordsToCurrentLayout(doc)
    })
    expect(rewritten).toBe(0)
  })
})
