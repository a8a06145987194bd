import { describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'

/**
 * Measures how the two candidate record representations grow when stickies are
 * dragged: each drag frame overwrites a whole record. The figures are printed and
 * recorded in ADR 0004; the assertions pin the property we rely on (a board does
 * not grow with the number of moves), not a speed.
 */

type JsonRecord = Record<string, unknown>

function note(i: number, x: number): JsonRecord {
  return {
    id: `shape:note-${i}`,
    typeName: 'shape',
    type: 'note',
    x,
    y: x,
    rotation: 0,
    index: `a${i}`,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      color: 'yellow',
      size: 'm',
      richText: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `Sticky number ${i}` }] }],
      },
    },
    meta: {},
  }
}

interface Writer {
  set(key: string, value: JsonRecord): void
}

type Representation = (doc: Y.Doc) => Writer

const representations: Record<string, Representation> = {
  'Y.Map': (doc) => {
    const map = doc.getMap<JsonRecord>('records')
    return { set: (key, value) => map.set(key, value) }
  },
  YKeyValue: (doc) => {
    const kv = new YKeyValue<JsonRecord>(doc.getArray('records'))
    return { set: (key, value) => kv.set(key, value) }
  },
}

/** Replicas wired to each other in memory, as the sync server would relay them. */
function replicas(count: number, make: Representation): { docs: Y.Doc[]; writers: Writer[] } {
  const docs = Array.from({ length: count }, () => new Y.Doc())
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'relay') return
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'relay')
    })
  }
  return { docs, writers: docs.map(make) }
}

const size = (doc: Y.Doc): number => Y.encodeStateAsUpdate(doc).byteLength

const moves = 10_000
const stickies = 200
const framesPerDrag = 20

describe.each(Object.entries(representations))('%s after 10,000 moves', (name, make) => {
  it('stays close to the size of the same board created fresh', () => {
    const { docs, writers } = replicas(3, make)
    const [first] = writers
    for (let i = 0; i < stickies; i++) first?.set(`shape:note-${i}`, note(i, 0))
    const fresh = size(docs[0] as Y.Doc)

    // Three participants take turns dragging stickies, 20 frames per drag.
    for (let move = 0; move < moves; move++) {
      const drag = Math.floor(move / framesPerDrag)
      const sticky = (drag * 7919) % stickies
      writers[drag % writers.length]?.set(`shape:note-${sticky}`, note(sticky, move))
    }
    const moved = size(docs[0] as Y.Doc)
    console.info(`${name}: fresh ${fresh} B, after ${moves} moves ${moved} B`)
    expect(moved).toBeLessThan(fresh * 1.25)
    for (const doc of docs) expect(size(doc)).toBe(moved)
  })
})

describe('Y.Map records', () => {
  it('converge when two clients move the same record concurrently', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.getMap('records').set('shape:note-1', note(1, 0))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    a.getMap('records').set('shape:note-1', note(1, 10))
    b.getMap('records').set('shape:note-1', note(1, 20))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(a.getMap('records').get('shape:note-1')).toEqual(b.getMap('records').get('shape:note-1'))
  })
})
