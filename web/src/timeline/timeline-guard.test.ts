import type { Editor, TLShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { guardedTimelineChange, guardTimelines, refusesTimelineDelete } from './timeline-guard.ts'

type Change = (prev: TLShape, next: TLShape, source: 'user' | 'remote') => TLShape
type Delete = (shape: TLShape, source: 'user' | 'remote') => false | undefined

/** Just enough of an editor to capture the handlers the guard registers. */
function fakeEditor() {
  const handlers: { change?: Change; remove?: Delete } = {}
  const editor = {
    sideEffects: {
      registerBeforeChangeHandler: (_type: string, fn: Change) => {
        handlers.change = fn
        return () => delete handlers.change
      },
      registerBeforeDeleteHandler: (_type: string, fn: Delete) => {
        handlers.remove = fn
        return () => delete handlers.remove
      },
    },
  } as unknown as Editor
  return { editor, handlers }
}

const shape = (type: string, x: number, isLocked = false) =>
  ({ id: `shape:${type}`, type, x, isLocked }) as unknown as TLShape

/** A timeline record with phases, as the phase editor changes them. */
const timeline = (isLocked: boolean, phases: string[], x = 0) =>
  ({
    id: 'shape:timeline',
    type: 'timeline',
    x,
    y: 0,
    isLocked,
    props: { w: 2800, h: 160, phases: phases.map((name) => ({ id: name, name, weight: 1 })) },
  }) as unknown as TLShape

describe('guardTimelines', () => {
  it('keeps a participant’s timeline where it is and undeletable', () => {
    const { editor, handlers } = fakeEditor()
    guardTimelines(editor, () => false)
    const before = shape('timeline', 0)
    expect(handlers.change?.(before, shape('timeline', 100), 'user')).toBe(before)
    expect(handlers.remove?.(before, 'user')).toBe(false)
  })

  it('lets stickies move, the facilitator edit, and remote changes through', () => {
    const { editor, handlers } = fakeEditor()
    let facilitator = false
    const stop = guardTimelines(editor, () => facilitator)
    const moved = shape('note', 100)
    expect(handlers.change?.(shape('note', 0), moved, 'user')).toBe(moved)
    const remote = shape('timeline', 50)
    expect(handlers.change?.(shape('timeline', 0), remote, 'remote')).toBe(remote)
    facilitator = true
    const edited = shape('timeline', 100)
    expect(handlers.change?.(shape('timeline', 0), edited, 'user')).toBe(edited)
    expect(handlers.remove?.(edited, 'user')).toBeUndefined()
    stop()
    expect(handlers).toEqual({})
  })
})

describe('the timeline lock', () => {
  it('refuses every change to a locked timeline, even the facilitator’s', () => {
    const locked = timeline(true, ['Plan', 'Build'])
    // A rename, a reorder, a move: each is refused and the locked record stays.
    for (const change of [
      timeline(true, ['Plan it', 'Build']),
      timeline(true, ['Build', 'Plan']),
      timeline(true, ['Plan', 'Build'], 300),
    ]) {
      expect(guardedTimelineChange(locked, change, true)).toBe(locked)
    }
    expect(refusesTimelineDelete(locked, true)).toBe(true)
  })

  it('lets the facilitator lock and unlock, and edit once unlocked', () => {
    const open = timeline(false, ['Plan'])
    const locking = timeline(true, ['Plan'])
    expect(guardedTimelineChange(open, locking, true)).toBe(locking)
    const unlocking = timeline(false, ['Plan'])
    expect(guardedTimelineChange(locking, unlocking, true)).toBe(unlocking)
    const renamed = timeline(false, ['Plan it'])
    expect(guardedTimelineChange(unlocking, renamed, true)).toBe(renamed)
    expect(refusesTimelineDelete(unlocking, true)).toBe(false)
  })

  it('leaves locking and unlocking to the facilitator', () => {
    const open = timeline(false, ['Plan'])
    const locked = timeline(true, ['Plan'])
    expect(guardedTimelineChange(open, locked, false)).toBe(open)
    expect(guardedTimelineChange(locked, open, false)).toBe(locked)
  })

  it('is enforced on local changes through the editor’s side effects, not on remote ones', () => {
    const { editor, handlers } = fakeEditor()
    guardTimelines(editor, () => true)
    const locked = timeline(true, ['Plan'])
    expect(handlers.change?.(locked, timeline(true, ['Renamed']), 'user')).toBe(locked)
    expect(handlers.remove?.(locked, 'user')).toBe(false)
    const remote = timeline(true, ['Renamed'])
    expect(handlers.change?.(locked, remote, 'remote')).toBe(remote)
    expect(handlers.remove?.(locked, 'remote')).toBeUndefined()
  })

  it('does not hold back other shapes while the timeline is locked', () => {
    const note = shape('note', 0, false)
    const moved = shape('note', 80, false)
    expect(guardedTimelineChange(note, moved, true)).toBe(moved)
    expect(refusesTimelineDelete(note, true)).toBe(false)
  })
})
