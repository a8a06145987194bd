import {
  boardTemplateIds,
  boardTemplates,
  templatePhaseId,
} from '@stormline/shared/board/templates'
import { templateTimelineId } from '@stormline/shared/board/timeline'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { createTLStore, defaultBindingUtils, type TLRecord, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createYjsStoreBinding } from '../sync/yjs-store-binding.ts'
import { customShapeUtils, withDefaultShapeUtils } from './index.ts'
import { templateRecords, templateTimelineProps, timelineRecord } from './template-records.ts'
import { pickBoardTimeline } from './timeline-editing.ts'
import { isTimelineShape, type TimelineShape } from './timeline-shape.ts'

function boardStore(): TLStore {
  return createTLStore({
    shapeUtils: withDefaultShapeUtils(customShapeUtils),
    bindingUtils: defaultBindingUtils,
  })
}

const timelines = (store: TLStore) =>
  store
    .allRecords()
    .filter(
      (record): record is TimelineShape => record.typeName === 'shape' && isTimelineShape(record),
    )

describe('templateRecords', () => {
  it('lays out no timeline for the blank template', () => {
    expect(templateRecords('blank')).toEqual([])
    expect(templateTimelineProps('blank')).toBeNull()
  })

  it.each(boardTemplateIds.filter((id) => id !== 'blank'))(
    'gives %s one timeline with its labels and evenly weighted phases',
    (template) => {
      const [record, ...rest] = templateRecords(template)
      expect(rest).toEqual([])
      const timeline = boardTemplates[template].timeline
      expect(record).toMatchObject({
        id: templateTimelineId,
        type: 'timeline',
        props: { startLabel: timeline?.startLabel, endLabel: timeline?.endLabel },
      })
      const props = (record as TimelineShape).props
      expect(props.phases).toEqual(
        timeline?.phases.map((name, i) => ({ id: templatePhaseId(template, i), name, weight: 1 })),
      )
    },
  )

  it('is the same every time, so concurrent seeds converge', () => {
    expect(templateRecords('post-mortem')).toEqual(templateRecords('post-mortem'))
  })

  it('makes records the store accepts (the shape validators pass)', () => {
    const store = boardStore()
    store.put([
      { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} } as TLRecord,
      ...templateRecords('path-to-production'),
    ])
    expect(timelines(store)).toHaveLength(1)
  })

  it('centres the timeline on the point given', () => {
    const props = templateTimelineProps('future-backwards')
    if (props === null) throw new Error('expected a timeline')
    const record = timelineRecord(props, { x: 100, y: 50 })
    expect(record.x + props.w / 2).toBe(100)
    expect(record.y + props.h / 2).toBe(50)
  })
})

describe('seeding a new board from its template', () => {
  it('writes document, page and timeline to the doc in one transaction', () => {
    const doc = new Y.Doc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    const binding = createYjsStoreBinding(boardStore(), doc, {
      seedRecords: templateRecords('path-to-production'),
    })
    binding.loadInitial()
    expect(transactions).toBe(1)
    expect([...doc.getMap(docLayout.records).keys()].sort()).toEqual([
      'document:document',
      'page:page',
      templateTimelineId,
    ])
    binding.dispose()
  })

  it('ends with one timeline when two clients seed the same new board at once', () => {
    const clients = [new Y.Doc(), new Y.Doc()].map((doc) => {
      const store = boardStore()
      const binding = createYjsStoreBinding(store, doc, {
        seedRecords: templateRecords('post-mortem'),
      })
      // Both saw an empty board before either's seed arrived.
      binding.loadInitial()
      return { doc, store, binding }
    })
    const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]]
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'remote')
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), 'remote')
    for (const { store, doc, binding } of clients) {
      expect(timelines(store).map((shape) => shape.id)).toEqual([templateTimelineId])
      expect(doc.getMap(docLayout.records).size).toBe(3)
      binding.dispose()
    }
  })

  it('does not seed a board that already has content', () => {
    const author = new Y.Doc()
    const first = createYjsStoreBinding(boardStore(), author, {})
    first.loadInitial()
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(author))
    const store = boardStore()
    const second = createYjsStoreBinding(store, reader, {
      seedRecords: templateRecords('path-to-production'),
    })
    second.loadInitial()
    expect(timelines(store)).toEqual([])
    first.dispose()
    second.dispose()
  })
})

describe('pickBoardTimeline', () => {
  const props = templateTimelineProps('path-to-production')
  if (props === null) throw new Error('expected a timeline')
  const other = timelineRecord(props, { x: 0, y: 0 }, 'shape:other' as TimelineShape['id'])
  const template = timelineRecord(props)

  it("prefers the template's timeline, else the first one", () => {
    expect(pickBoardTimeline([other, template])?.id).toBe(templateTimelineId)
    expect(pickBoardTimeline([other])?.id).toBe('shape:other')
    expect(pickBoardTimeline([])).toBeUndefined()
  })
})
