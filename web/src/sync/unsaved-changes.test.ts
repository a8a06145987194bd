import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changeOf, createUnsavedChanges, type PendingChange } from './unsaved-changes.ts'
import { adoptStoredUnsaved, memoryStorage, saveUnsaved } from './unsaved-storage.ts'

/** Records the pending change of every local transaction of a doc, as unsaved-sync does. */
function localChanges(doc: Y.Doc): PendingChange[] {
  const changes: PendingChange[] = []
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    const change = changeOf(transaction)
    if (change) changes.push(change)
  })
  return changes
}

describe('changeOf', () => {
  it('OFF-2: gives the clock a local transaction ended at, and nothing for an empty one', () => {
    const doc = new Y.Doc()
    doc.clientID = 7
    const changes = localChanges(doc)
    const map = doc.getMap('records')
    map.set('a', 1)
    doc.transact(() => {
      map.set('b', 2)
      map.set('c', 3)
    })
    doc.transact(() => {})
    expect(changes).toEqual([{ ends: [[7, 1]] }, { ends: [[7, 3]] }])
  })

  it('OFF-2: marks a change that only deleted by an empty list of ends', () => {
    const doc = new Y.Doc()
    const changes = localChanges(doc)
    doc.getMap('records').set('a', 1)
    doc.getMap('records').delete('a')
    expect(changes[1]).toEqual({ ends: [] })
  })
})

describe('createUnsavedChanges', () => {
  const insert = (client: number, clock: number): PendingChange => ({ ends: [[client, clock]] })
  const deletion: PendingChange = { ends: [] }

  it('OFF-2: counts local changes until the server state vector covers them', () => {
    const unsaved = createUnsavedChanges()
    unsaved.connected()
    unsaved.add(insert(1, 3))
    unsaved.add(insert(1, 5))
    unsaved.add(insert(1, 9))
    expect(unsaved.count.get()).toBe(3)
    unsaved.serverState(new Map([[1, 5]]))
    expect(unsaved.count.get()).toBe(1)
    unsaved.serverState(new Map([[1, 9]]))
    expect(unsaved.count.get()).toBe(0)
    expect(unsaved.serverVector()).toEqual(new Map([[1, 9]]))
  })

  it('OFF-2: keeps a change that only deleted until a round trip sent after it comes back', () => {
    const unsaved = createUnsavedChanges()
    unsaved.connected()
    unsaved.add(insert(1, 3))
    unsaved.add(deletion)
    // State vectors say nothing about deletions.
    unsaved.serverState(new Map([[1, 3]]))
    expect(unsaved.count.get()).toBe(1)
    expect(unsaved.wantsRequest()).toBe(true)
    unsaved.requestSent()
    expect(unsaved.wantsRequest()).toBe(false)
    // A deletion made after the request is not covered by its answer.
    unsaved.add(deletion)
    expect(unsaved.wantsRequest()).toBe(true)
    unsaved.requestAnswered()
    expect(unsaved.count.get()).toBe(1)
    unsaved.requestSent()
    unsaved.requestAnswered()
    expect(unsaved.count.get()).toBe(0)
  })

  it('OFF-2: a change made offline is sent only with the next sync, so earlier answers do not cover it', () => {
    const unsaved = createUnsavedChanges()
    unsaved.connected()
    unsaved.requestSent()
    unsaved.disconnected()
    unsaved.add(deletion)
    expect(unsaved.wantsRequest()).toBe(false)
    // An answer from the old socket never arrives; a stray one covers nothing unsent.
    unsaved.requestAnswered()
    expect(unsaved.count.get()).toBe(1)
    unsaved.connected()
    // The new socket's server step 1: our step 2 answer carries the deletion.
    unsaved.serverState(new Map())
    expect(unsaved.wantsRequest()).toBe(true)
    unsaved.requestSent()
    unsaved.requestAnswered()
    expect(unsaved.count.get()).toBe(0)
  })

  it('OFF-2: asks only about changes sent before a given point', () => {
    const unsaved = createUnsavedChanges()
    unsaved.connected()
    const before = unsaved.sendMark()
    unsaved.add(insert(1, 1))
    expect(unsaved.wantsRequest(before)).toBe(false)
    expect(unsaved.wantsRequest(unsaved.sendMark())).toBe(true)
  })

  it('OFF-2: counts what an earlier page left (another client id) until the server has it', () => {
    const storage = memoryStorage()
    const earlier = createUnsavedChanges()
    earlier.add(insert(11, 4))
    earlier.add(deletion)
    saveUnsaved(storage, 'board', 11, {
      changes: earlier.pending(),
      serverVector: new Map([[11, 2]]),
    })

    // The page is reloaded: a new doc, a new client id.
    const stored = adoptStoredUnsaved(storage, 'board', 22)
    const reloaded = createUnsavedChanges({
      initial: stored.changes,
      serverVector: stored.serverVector,
    })
    expect(reloaded.count.get()).toBe(2)
    expect(reloaded.serverVector()).toEqual(new Map([[11, 2]]))
    reloaded.connected()
    reloaded.serverState(new Map([[11, 4]]))
    expect(reloaded.count.get()).toBe(1)
    reloaded.requestSent()
    reloaded.requestAnswered()
    expect(reloaded.count.get()).toBe(0)
  })

  it('tells listeners about every change of the list, and clear empties it', () => {
    const unsaved = createUnsavedChanges()
    let calls = 0
    const stop = unsaved.onChange(() => calls++)
    unsaved.add(insert(1, 1))
    unsaved.serverState(new Map([[1, 1]]))
    unsaved.add(insert(1, 2))
    unsaved.clear()
    expect(unsaved.count.get()).toBe(0)
    expect(calls).toBe(4)
    stop()
    unsaved.add(insert(1, 3))
    expect(calls).toBe(4)
  })
})
