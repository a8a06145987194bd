import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { filterAwarenessUpdate } from './awareness-entries.ts'

function presenceOf(...clients: { id: number; name: string }[]): Uint8Array {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  for (const { id, name } of clients) {
    awareness.states.set(id, { user: { name } })
    awareness.meta.set(id, { clock: 3, lastUpdated: 0 })
  }
  return awarenessProtocol.encodeAwarenessUpdate(
    awareness,
    clients.map((c) => c.id),
  )
}

function apply(update: Uint8Array): Map<number, unknown> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test')
  return awareness.getStates()
}

describe('filterAwarenessUpdate', () => {
  it('keeps only the entries of the allowed client ids', () => {
    const update = presenceOf({ id: 10, name: 'Ada' }, { id: 20, name: 'Forged' })
    const states = apply(filterAwarenessUpdate(update, (id) => id === 10))
    expect(states.get(10)).toEqual({ user: { name: 'Ada' } })
    expect(states.has(20)).toBe(false)
  })

  it('returns the same bytes when it keeps everything', () => {
    const update = presenceOf({ id: 10, name: 'Ada' })
    expect(filterAwarenessUpdate(update, () => true)).toBe(update)
  })

  it('throws on a truncated update, for the room to close the sender', () => {
    const update = presenceOf({ id: 10, name: 'Ada' })
    expect(() => filterAwarenessUpdate(update.slice(0, 4), () => true)).toThrow()
  })
})
