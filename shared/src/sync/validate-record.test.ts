import { describe, expect, it } from 'vitest'
import { stickyRecord } from '../testing/board-records.ts'
import { validateBoardRecord } from './validate-record.ts'

const note = stickyRecord('shape:a', {
  text: 'Hi',
  x: 10,
  y: 20,
  kind: 'pain',
  color: 'yellow',
  context: 'why',
  needsDeepDive: true,
})

const timeline = {
  id: 'shape:timeline',
  typeName: 'shape',
  type: 'timeline',
  x: 0,
  y: 0,
  rotation: 0,
  index: 'a0',
  parentId: 'page:page',
  isLocked: true,
  opacity: 1,
  props: {
    w: 2800,
    h: 160,
    startLabel: 'Start',
    endLabel: 'End',
    phases: [{ id: 'p1', name: 'Phase 1', weight: 1 }],
  },
  meta: {},
}

const page = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }

function reason(key: string, json: unknown): string {
  const verdict = validateBoardRecord(key, json)
  if (verdict.ok) throw new Error('expected a refusal')
  return verdict.reason
}

describe('validateBoardRecord (VAL-1)', () => {
  it('accepts a full sticky, the timeline and a page', () => {
    expect(validateBoardRecord(note.id, note).ok).toBe(true)
    expect(validateBoardRecord(timeline.id, timeline).ok).toBe(true)
    expect(validateBoardRecord(page.id, page).ok).toBe(true)
  })

  it('refuses a prop of the wrong type', () => {
    expect(reason(note.id, { ...note, props: { ...note.props, color: 42 } })).toMatch(
      /invalid shape/,
    )
    expect(reason(note.id, { ...note, x: 'left' })).toMatch(/invalid shape/)
  })

  it('refuses an unknown prop and a timeline with a broken phase', () => {
    expect(reason(note.id, { ...note, props: { ...note.props, extra: 1 } })).toMatch(/invalid/)
    const phases = [{ id: 'p1', name: 7, weight: 1 }]
    expect(reason(timeline.id, { ...timeline, props: { ...timeline.props, phases } })).toMatch(
      /invalid shape/,
    )
  })

  it('refuses an unknown typeName or shape type', () => {
    expect(reason('thing:a', { id: 'thing:a', typeName: 'thing' })).toMatch(/unknown typeName/)
    expect(reason(note.id, { ...note, type: 'rocket' })).toMatch(/invalid shape/)
  })

  it('refuses a record stored under another key', () => {
    expect(reason('shape:b', note)).toMatch(/does not match its key/)
  })

  it('refuses values that are not records', () => {
    expect(reason('shape:a', 'shape:a')).toBe('not an object')
    expect(reason('shape:a', [note])).toBe('not an object')
    expect(reason('shape:a', null)).toBe('not an object')
    expect(reason('shape:a', { id: 'shape:a' })).toBe('typeName is missing')
  })

  it('refuses session records such as a camera', () => {
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    expect(reason(camera.id, camera)).toMatch(/not document-scoped/)
  })

  it('keeps reasons short', () => {
    const long = 'x'.repeat(5000)
    expect(reason(long, { id: long, typeName: long }).length).toBeLessThan(400)
  })
})
