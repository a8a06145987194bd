import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { moveRecord, readRecord, stickyRecord, writeRecord } from '../testing/board-records.ts'

/**
 * BIND-2: how a board grows when stickies are dragged, in record layout v2 (record-layout.ts).
 * Each drag frame writes the sticky's position (one `xy` entry of its record map), as the web binding
 * does. The figures are printed and recorded in the ADR; the assertion pins the property we rely
 * on (a board does not grow with the number of moves), not a speed.
 */

const moves = 10_000
const stickies = 200
const framesPerDrag = 20

const id = (i: number): string => `shape:note-${i}`

function note(i: number) {
  return stickyRecord(id(i), { index: `a${i}`, text: `Sticky number ${i}` })
}

/** Replicas wired to each other in memory, as the sync server would relay them. */
function replicas(count: number): Y.Doc[] {
  const docs = Array.from({ length: count }, () => new Y.Doc())
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'relay') return
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'relay')
    })
  }
  return docs
}

const size = (doc: Y.Doc): number => Y.encodeStateAsUpdate(doc).byteLength

describe('record layout v2 after 10,000 moves', () => {
  it('BIND-2: stays close to the size of the same board created fresh', () => {
    const docs = replicas(3)
    const [first] = docs as [Y.Doc]
    for (let i = 0; i < stickies; i++) writeRecord(first, note(i))
    const fresh = size(first)

    // Three participants take turns dragging stickies, 20 frames per drag, one position each frame.
    for (let move = 0; move < moves; move++) {
      const drag = Math.floor(move / framesPerDrag)
      const sticky = (drag * 7919) % stickies
      moveRecord(docs[drag % docs.length] as Y.Doc, id(sticky), { x: move, y: move })
    }
    const moved = size(first)
    console.info(
      `record maps: fresh ${fresh} B, after ${moves} moves ${moved} B (${(moved / fresh).toFixed(3)}×)`,
    )
    expect(moved).toBeLessThan(fresh * 1.25)
    for (const doc of docs) expect(size(doc)).toBe(moved)
  })
})

describe('record maps', () => {
  it('converge when two clients move the same record concurrently, neither move torn', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    writeRecord(a, note(1))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    moveRecord(a, id(1), { x: 10, y: 10 })
    moveRecord(b, id(1), { x: 20, y: 20 })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const merged = readRecord(a, id(1))
    expect(merged).toEqual(readRecord(b, id(1)))
    // Both fields are decided by the same rule between the same two writers: one whole move wins.
    expect([10, 20]).toContain(merged?.x)
    expect(merged?.y).toBe(merged?.x)
  })
})
