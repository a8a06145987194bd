import { docLayout } from '@stormline/shared/sync/doc-layout'
import { decodeRecord } from '@stormline/shared/sync/record-layout'
import { type TLNoteShape, type TLRecord, type TLStore, toRichText } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { connectedPair, documentRecords, relay, syncAll, type TestClient } from './test-clients.ts'
import { noteRecord, stickyRecord } from './test-records.ts'
import { forwardStoppingPoints } from './undo-manager.ts'

const id = (name: string) => `shape:${name}` as TLNoteShape['id']

function note(store: TLStore, name: string): TLNoteShape | undefined {
  return store.get(id(name)) as TLNoteShape | undefined
}

function current(client: TestClient, name: string): TLNoteShape {
  const found = note(client.store, name)
  if (found === undefined) throw new Error(`no note ${name}`)
  return found
}

function edit(client: TestClient, name: string, change: (note: TLNoteShape) => TLNoteShape) {
  // Every user action starts at a stopping point in tldraw; this is what the editor hook does.
  client.binding.stopCapturing()
  client.store.put([change(current(client, name))])
}

const move = (x: number) => (n: TLNoteShape) => ({ ...n, x })
const text = (value: string) => (n: TLNoteShape) => ({
  ...n,
  props: { ...n.props, richText: toRichText(value) },
})

function expectSame(a: TestClient, b: TestClient): void {
  expect(documentRecords(a.store)).toEqual(documentRecords(b.store))
  expect(a.warnings).toEqual([])
  expect(b.warnings).toEqual([])
}

describe('undo touches only my own changes (UNDO-1)', () => {
  it("UNDO-1 undoing my move keeps the other person's text, colour and meta", () => {
    const [ana, ben] = connectedPair([stickyRecord('s', 'Release', { kind: 'step' })])
    edit(ana, 's', move(200))
    relay(ana.doc, ben.doc)
    edit(ben, 's', (n) => ({
      ...text('Release needs CAB approval')(n),
      props: { ...text('Release needs CAB approval')(n).props, color: 'red' },
      meta: { stormline: { ...(n.meta.stormline as object), kind: 'pain', context: 'CAB' } },
    }))
    relay(ben.doc, ana.doc)

    expect(ana.binding.undo()).toBe(true)
    syncAll(ana, ben)
    for (const client of [ana, ben]) {
      expect(note(client.store, 's')).toMatchObject({
        x: 0,
        props: { color: 'red', richText: toRichText('Release needs CAB approval') },
        meta: { stormline: { kind: 'pain', context: 'CAB' } },
      })
    }
    expectSame(ana, ben)
  })

  it('UNDO-1 remote changes never enter my undo stack', () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'x')])
    edit(ben, 's', move(50))
    edit(ben, 's', text('Ben was here'))
    relay(ben.doc, ana.doc)
    expect(ana.binding.undoManager.canUndo()).toBe(false)
    expect(ana.binding.undo()).toBe(false)
    expect(note(ana.store, 's')).toMatchObject({
      x: 50,
      props: { richText: toRichText('Ben was here') },
    })
  })

  it("UNDO-1 undoing my typing removes my characters and keeps the other person's", () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'Order placed')])
    edit(ana, 's', text('New order placed'))
    edit(ben, 's', text('Order placed!'))
    syncAll(ana, ben)
    expect(note(ana.store, 's')?.props.richText).toEqual(toRichText('New order placed!'))
    ana.binding.undo()
    syncAll(ana, ben)
    expect(note(ben.store, 's')?.props.richText).toEqual(toRichText('Order placed!'))
    expectSame(ana, ben)
  })

  it('UNDO-1 a field the other person changed after me stays theirs when I undo', () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'x')])
    edit(ana, 's', move(100))
    relay(ana.doc, ben.doc)
    edit(ben, 's', move(300))
    relay(ben.doc, ana.doc)
    ana.binding.undo()
    syncAll(ana, ben)
    expect(note(ana.store, 's')?.x).toBe(300)
    expectSame(ana, ben)
  })

  it('UNDO-1 undo after a concurrent write of the same field never leaves the field empty', () => {
    // Ben's id is lower, so Yjs orders his concurrent x before Ana's and Ana's wins; her undo
    // cannot restore the old x over Ben's, and must not delete hers either (the record would
    // lose its x and be invalid everywhere).
    const [ana, ben] = connectedPair([noteRecord('s', 'x')], [20, 10])
    edit(ana, 's', move(100))
    edit(ben, 's', move(300))
    syncAll(ana, ben)
    expect(note(ana.store, 's')?.x).toBe(100)
    ana.binding.undo()
    syncAll(ana, ben)
    const stored = decodeRecord(ana.doc.getMap(docLayout.records).get('shape:s'))
    expect(stored).toMatchObject({ x: 100, y: 0 })
    expectSame(ana, ben)
  })
})

describe('undo and deleted stickies (UNDO-2)', () => {
  it('UNDO-2 undoing my edit of a sticky someone else deleted does not resurrect it', () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'x')])
    edit(ana, 's', move(100))
    relay(ana.doc, ben.doc)
    ben.binding.stopCapturing()
    ben.store.remove([id('s')])
    relay(ben.doc, ana.doc)
    expect(note(ana.store, 's')).toBeUndefined()

    expect(ana.binding.undo()).toBe(false)
    syncAll(ana, ben)
    expect(note(ana.store, 's')).toBeUndefined()
    expect(note(ben.store, 's')).toBeUndefined()
    expectSame(ana, ben)
  })

  it('UNDO-2 that undo step is skipped: the same Ctrl+Z undoes my step before it', () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'x')])
    ana.binding.stopCapturing()
    ana.store.put([noteRecord('mine', 'Created by Ana')])
    edit(ana, 's', move(100))
    relay(ana.doc, ben.doc)
    ben.store.remove([id('s')])
    relay(ben.doc, ana.doc)

    expect(ana.binding.undo()).toBe(true)
    syncAll(ana, ben)
    expect(note(ben.store, 's')).toBeUndefined()
    expect(note(ben.store, 'mine')).toBeUndefined()
    expectSame(ana, ben)
  })

  it('UNDO-2 undoing my own deletion restores the sticky, text and meta included; redo deletes it again', () => {
    const [ana, ben] = connectedPair([stickyRecord('s', 'Payment failed', { kind: 'pain' })])
    const original = note(ana.store, 's')
    ana.binding.stopCapturing()
    ana.store.remove([id('s')])
    relay(ana.doc, ben.doc)
    expect(note(ben.store, 's')).toBeUndefined()

    expect(ana.binding.undo()).toBe(true)
    relay(ana.doc, ben.doc)
    expect(note(ana.store, 's')).toEqual(original)
    expect(note(ben.store, 's')).toEqual(original)
    // Still a live record: both can keep editing it and the edits merge.
    edit(ben, 's', text('Payment failed twice'))
    edit(ana, 's', move(42))
    syncAll(ana, ben)
    expect(note(ana.store, 's')).toMatchObject({
      x: 42,
      props: { richText: toRichText('Payment failed twice') },
    })

    expect(ana.binding.redo()).toBe(false) // the edit after the undo cleared the redo stack
    expect(ana.binding.undo()).toBe(true) // the move
    expect(ana.binding.undo()).toBe(false) // the restore is not undone by anything older
    expect(ana.binding.redo()).toBe(true)
    syncAll(ana, ben)
    expect(note(ben.store, 's')).toMatchObject({ x: 42 })
    expectSame(ana, ben)
  })

  it('UNDO-2 undoing my deletion of a sticky someone moved meanwhile restores it whole and valid', () => {
    const [ana, ben] = connectedPair([stickyRecord('s', 'Payment failed', { kind: 'pain' })])
    const original = current(ana, 's')
    ana.binding.stopCapturing()
    ana.store.remove([id('s')])
    // Ben moves, rotates and recolours it before Ana's deletion reaches him.
    edit(ben, 's', (n) => ({ ...n, x: 500, rotation: 1, props: { ...n.props, color: 'red' } }))
    syncAll(ana, ben)
    expect(note(ben.store, 's')).toBeUndefined()

    // Yjs will not restore the fields Ben wrote after Ana's version (a conflict in its eyes),
    // which would leave them empty; they come back as Ana deleted them.
    expect(ana.binding.undo()).toBe(true)
    syncAll(ana, ben)
    expect(note(ana.store, 's')).toEqual(original)
    expectSame(ana, ben)
    expect(ana.binding.redo()).toBe(true)
    syncAll(ana, ben)
    expect(note(ben.store, 's')).toBeUndefined()
  })

  it('UNDO-2 redo of an undone deletion deletes the sticky again', () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'x')])
    ana.binding.stopCapturing()
    ana.store.remove([id('s')])
    ana.binding.undo()
    expect(note(ana.store, 's')).toBeDefined()
    expect(ana.binding.redo()).toBe(true)
    expect(note(ana.store, 's')).toBeUndefined()
    syncAll(ana, ben)
    expect(note(ben.store, 's')).toBeUndefined()
  })
})

describe('undo steps are user actions (UNDO-3)', () => {
  /** Stands in for tldraw's Editor, which marks a stopping point at the start of each action. */
  function fakeEditor(client: TestClient) {
    const marks: string[] = []
    const editor = {
      markHistoryStoppingPoint(name?: string): string {
        marks.push(name ?? 'stop')
        return `mark-${marks.length}`
      },
    }
    const unhook = forwardStoppingPoints(editor, client.binding.undoManager)
    return { editor, marks, unhook }
  }

  it('UNDO-3 the first Ctrl+Z after an edit undoes that edit, and a whole drag is one step', () => {
    const [ana] = connectedPair([noteRecord('s', 'x'), noteRecord('t', 'y')])
    ana.store.mergeRemoteChanges(() => {}) // the session records an editor has (pointer...)
    const { editor, marks } = fakeEditor(ana)
    editor.markHistoryStoppingPoint('translating')
    for (let x = 1; x <= 30; x++) ana.store.put([{ ...current(ana, 's'), x: x * 10 }])
    // Deselecting and selecting again: stopping points and session changes, no doc change.
    editor.markHistoryStoppingPoint('select')
    ana.store.update('pointer:pointer' as TLRecord['id'], (r) => ({ ...r, x: 1 }) as TLRecord)
    editor.markHistoryStoppingPoint('select')
    expect(marks).toEqual(['translating', 'select', 'select'])

    expect(ana.binding.undo()).toBe(true)
    expect(note(ana.store, 's')?.x).toBe(0)
    expect(ana.binding.undoManager.canUndo()).toBe(false)
    expect(ana.binding.redo()).toBe(true)
    expect(note(ana.store, 's')?.x).toBe(300)
  })

  it('UNDO-3 each action is its own step, undone newest first, redone oldest first', () => {
    const [ana, ben] = connectedPair([noteRecord('s', 'x')])
    const { editor } = fakeEditor(ana)
    editor.markHistoryStoppingPoint('move')
    ana.store.put([{ ...current(ana, 's'), x: 10 }])
    editor.markHistoryStoppingPoint('edit text')
    ana.store.put([text('typed')(current(ana, 's'))])
    editor.markHistoryStoppingPoint('rotate')
    ana.store.put([{ ...current(ana, 's'), rotation: 1 }])

    ana.binding.undo()
    expect(note(ana.store, 's')).toMatchObject({ x: 10, rotation: 0 })
    ana.binding.undo()
    expect(note(ana.store, 's')?.props.richText).toEqual(toRichText('x'))
    ana.binding.redo()
    expect(note(ana.store, 's')?.props.richText).toEqual(toRichText('typed'))
    expect(note(ana.store, 's')?.rotation).toBe(0)
    syncAll(ana, ben)
    expectSame(ana, ben)
  })

  it('unhooking restores the editor as it was', () => {
    const [ana] = connectedPair()
    const { editor, unhook } = fakeEditor(ana)
    const hooked = editor.markHistoryStoppingPoint
    unhook()
    expect(editor.markHistoryStoppingPoint).not.toBe(hooked)
    expect(editor.markHistoryStoppingPoint('x')).toBe('mark-1')
  })

  it('an undo asked for inside a Yjs observer runs right after it', async () => {
    const [ana] = connectedPair([noteRecord('s', 'x')])
    edit(ana, 's', move(10))
    let result: boolean | undefined
    const map = ana.doc.getMap('elsewhere')
    map.observe(() => {
      result = ana.binding.undo()
    })
    map.set('k', 1)
    expect(result).toBe(false)
    expect(current(ana, 's').x).toBe(10)
    await Promise.resolve()
    expect(current(ana, 's').x).toBe(0)
    expect(ana.binding.redo()).toBe(true)
    expect(current(ana, 's').x).toBe(10)
  })

  it('a new edit after undo clears the redo stack', () => {
    const [ana] = connectedPair([noteRecord('s', 'x')])
    edit(ana, 's', move(10))
    ana.binding.undo()
    edit(ana, 's', move(20))
    expect(ana.binding.redo()).toBe(false)
    expect(note(ana.store, 's')?.x).toBe(20)
  })
})
