import { docLayout } from '@stormline/shared/sync/doc-layout'
import { recordMap, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createdNoteIds, touchedRootMaps } from './transaction-changes.ts'

/** Runs `change` and hands back its transaction, as the room's update handler sees it. */
function transactionOf(doc: Y.Doc, change: () => void): Y.Transaction {
  let seen: Y.Transaction | null = null
  const listen = (transaction: Y.Transaction) => {
    seen = transaction
  }
  doc.on('afterTransaction', listen)
  doc.transact(change)
  doc.off('afterTransaction', listen)
  if (!seen) throw new Error('no transaction')
  return seen
}

describe('what a transaction changed', () => {
  it('lists the notes it created, not the ones it edited, and no other shapes', () => {
    const doc = new Y.Doc()
    writeRecord(doc, stickyRecord('shape:old'))
    const records = doc.getMap<unknown>(docLayout.records)
    const transaction = transactionOf(doc, () => {
      writeRecord(doc, stickyRecord('shape:new'))
      recordMap(doc, 'shape:old').set('index', 'a2')
      writeRecord(doc, { ...stickyRecord('shape:frame'), type: 'frame' })
    })
    expect(createdNoteIds(records, transaction)).toEqual(['shape:new'])
  })

  it('names the top-level maps it touched, at any depth', () => {
    const doc = new Y.Doc()
    writeRecord(doc, stickyRecord('shape:a'))
    const props = recordMap(doc, 'shape:a').get('props') as Y.Map<unknown>
    const transaction = transactionOf(doc, () => {
      props.set('color', 'red')
      doc.getMap(docLayout.session).set('step', 2)
    })
    expect(touchedRootMaps(transaction)).toEqual(new Set([docLayout.records, docLayout.session]))
  })
})
