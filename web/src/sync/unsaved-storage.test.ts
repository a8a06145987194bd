import { describe, expect, it } from 'vitest'
import {
  adoptStoredUnsaved,
  clearStoredUnsaved,
  memoryStorage,
  readStoredUnsaved,
  saveUnsaved,
  unsavedKeyPrefix,
} from './unsaved-storage.ts'

describe('unsaved-changes storage', () => {
  it('OFF-2: keeps each page’s list under its own key and merges them when read', () => {
    const storage = memoryStorage()
    saveUnsaved(storage, 'b1', 1, {
      changes: [{ ends: [[1, 3]] }],
      serverVector: new Map([[1, 1]]),
    })
    saveUnsaved(storage, 'b1', 2, { changes: [{ ends: [] }], serverVector: new Map([[1, 2]]) })
    saveUnsaved(storage, 'b2', 3, { changes: [{ ends: [[3, 1]] }], serverVector: null })
    const read = readStoredUnsaved(storage, 'b1')
    expect(read.changes).toEqual([{ ends: [[1, 3]] }, { ends: [] }])
    // The server's state only grows: the larger clock wins.
    expect(read.serverVector).toEqual(new Map([[1, 2]]))
    expect(storage.length).toBe(3)
  })

  it('OFF-2: a new page adopts what earlier pages left and moves it into its own key', () => {
    const storage = memoryStorage()
    saveUnsaved(storage, 'b1', 1, { changes: [{ ends: [[1, 3]] }], serverVector: null })
    saveUnsaved(storage, 'b1', 2, { changes: [{ ends: [[2, 5]] }], serverVector: null })
    const adopted = adoptStoredUnsaved(storage, 'b1', 9)
    expect(adopted.changes).toHaveLength(2)
    expect(storage.length).toBe(1)
    expect(storage.key(0)).toBe(`${unsavedKeyPrefix('b1')}9`)
    expect(readStoredUnsaved(storage, 'b1').changes).toEqual(adopted.changes)
  })

  it('removes a page’s key once nothing is unsaved, and clears a board', () => {
    const storage = memoryStorage()
    saveUnsaved(storage, 'b1', 1, { changes: [{ ends: [[1, 3]] }], serverVector: null })
    saveUnsaved(storage, 'b1', 1, { changes: [], serverVector: null })
    expect(storage.length).toBe(0)
    saveUnsaved(storage, 'b1', 1, { changes: [{ ends: [[1, 3]] }], serverVector: null })
    saveUnsaved(storage, 'b2', 1, { changes: [{ ends: [[1, 3]] }], serverVector: null })
    clearStoredUnsaved(storage, 'b1')
    expect(readStoredUnsaved(storage, 'b1').changes).toEqual([])
    expect(readStoredUnsaved(storage, 'b2').changes).toHaveLength(1)
  })

  it('ignores what it cannot read', () => {
    const storage = memoryStorage()
    const prefix = unsavedKeyPrefix('b1')
    storage.setItem(`${prefix}1`, 'not json')
    storage.setItem(`${prefix}2`, JSON.stringify({ v: 99, changes: [] }))
    storage.setItem(
      `${prefix}3`,
      JSON.stringify({ v: 1, changes: [[[1, 2]], [['x', 1]], 'junk', [[-1, 2]]], server: '!!' }),
    )
    expect(readStoredUnsaved(storage, 'b1')).toEqual({
      changes: [{ ends: [[1, 2]] }],
      serverVector: null,
    })
  })
})
