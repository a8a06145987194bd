import type { Editor, TLShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { guardTimelines } from './timeline-guard.ts'

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

const shape = (type: string, x: number) => ({ id: `shape:${type}`, type, x }) as unknown as TLShape

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
