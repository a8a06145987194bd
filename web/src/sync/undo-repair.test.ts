import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { recordKeysChanged, withMissingFields } from './undo-repair.ts'

describe('withMissingFields', () => {
  it('fills what is missing at the depths stored as maps, and keeps what is there', () => {
    const current = {
      id: 'shape:a',
      y: 5,
      props: { color: 'red', richText: { type: 'doc', content: [] } },
      meta: { stormline: { kind: 'pain' } },
    }
    const fallback = {
      id: 'shape:a',
      x: 1,
      y: 2,
      props: {
        color: 'yellow',
        size: 'm',
        richText: { type: 'doc', content: [{ type: 'paragraph' }] },
      },
      meta: { stormline: { kind: 'step', context: 'old' } },
    }
    expect(withMissingFields(current, fallback)).toEqual({
      id: 'shape:a',
      x: 1,
      y: 5,
      // Rich text is one value: never merged with an older one.
      props: { color: 'red', size: 'm', richText: { type: 'doc', content: [] } },
      meta: { stormline: { kind: 'pain', context: 'old' } },
    })
  })
})

describe('recordKeysChanged', () => {
  it('names the records a transaction touched, however deep', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>('records')
    doc.transact(() => {
      const a = new Y.Map<unknown>()
      const props = new Y.Map<unknown>()
      props.set('richText', new Y.Text('hi'))
      a.set('props', props)
      records.set('shape:a', a)
      records.set('shape:b', new Y.Map())
    })
    let keys: Set<string> | undefined
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      keys = recordKeysChanged(transaction, records)
    })
    doc.transact(() => {
      const a = records.get('shape:a') as Y.Map<Y.Map<Y.Text>>
      a.get('props')?.get('richText')?.insert(0, '!')
      records.delete('shape:b')
      records.set('shape:c', new Y.Map())
    })
    expect([...(keys ?? [])].sort()).toEqual(['shape:a', 'shape:b', 'shape:c'])
  })
})
