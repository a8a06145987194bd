import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workshopMaps } from '../backlog/workshop-fixture.ts'
import { docLayout } from '../sync/doc-layout.ts'
import { positionKey } from '../sync/record-layout.ts'
import { validateBoardRecord } from '../sync/validate-record.ts'
import {
  type BoardRecord,
  completeRecord,
  moveRecord,
  pageRecord,
  readRecord,
  recordMap,
  stickyRecord,
  stickyText,
  timelineRecord,
  writeRecord,
} from './board-records.ts'

/** The fixtures tests write through a server must pass the server's validation (VAL-1). */

const accepted = (record: BoardRecord) => validateBoardRecord(record.id, record).ok

describe('fixture records', () => {
  it('are records tldraw and the server accept', () => {
    expect(accepted(pageRecord)).toBe(true)
    expect(
      accepted(
        timelineRecord({
          w: 2800,
          h: 160,
          startLabel: 'Idea',
          endLabel: 'Live',
          phases: [{ id: 'a', name: 'Build', weight: 1 }],
        }),
      ),
    ).toBe(true)
    expect(accepted(stickyRecord('shape:a'))).toBe(true)
    expect(
      accepted(
        stickyRecord('shape:b', { text: 'two\nlines', kind: 'time', durationMinutes: 30, x: 5 }),
      ),
    ).toBe(true)
  })

  it('completes the workshop fixture into records the server accepts, readers seeing the same', () => {
    for (const record of Object.values(workshopMaps.records) as BoardRecord[]) {
      const complete = completeRecord(record)
      expect(accepted(complete), record.id).toBe(true)
      expect(complete).toMatchObject(record)
    }
  })

  it('gives a sticky its kind, colour and text', () => {
    const sticky = stickyRecord('shape:a', { text: 'Slow approvals', kind: 'pain' })
    expect(sticky).toMatchObject({ props: { color: 'red' }, meta: { stormline: { kind: 'pain' } } })
    expect(stickyText(sticky)).toBe('Slow approvals')
  })
})

describe('writing records into a board', () => {
  it('writes layout v2 record maps and reads them back as the same JSON', () => {
    const doc = new Y.Doc()
    const sticky = stickyRecord('shape:a', { text: 'hello' })
    writeRecord(doc, sticky)
    expect(doc.getMap(docLayout.records).get('shape:a')).toBeInstanceOf(Y.Map)
    expect(readRecord(doc, 'shape:a')).toEqual(sticky)
    expect(readRecord(doc, 'shape:none')).toBeUndefined()
  })

  it('moves a record by its position entry alone', () => {
    const doc = new Y.Doc()
    writeRecord(doc, stickyRecord('shape:a', { text: 'hello' }))
    const changed: string[] = []
    recordMap(doc, 'shape:a').observeDeep((events) => {
      for (const event of events)
        changed.push(...(event.changes.keys as Map<string, unknown>).keys())
    })
    moveRecord(doc, 'shape:a', { x: 10, y: 20 })
    expect(changed).toEqual([positionKey])
    expect(readRecord(doc, 'shape:a')).toEqual(
      stickyRecord('shape:a', { text: 'hello', x: 10, y: 20 }),
    )
  })
})
