import { describe, expect, it } from 'vitest'
import { kindChange, patchStickyMeta, restampCopy, stampNewSticky } from './sticky-stamp.ts'

const ada = { id: 'participant-ada', name: 'Ada' }
const bob = { id: 'participant-bob', name: 'Bob' }
const now = new Date('2025-03-04T10:20:30.000Z')
const later = new Date('2025-03-05T08:00:00.000Z')

function sticky(kind: string, extra: Record<string, unknown> = {}) {
  return {
    stormline: {
      kind,
      authorId: ada.id,
      authorName: ada.name,
      createdAt: now.toISOString(),
      context: 'why it matters',
      needsDeepDive: true,
      durationMinutes: 30,
      ...extra,
    },
  }
}

describe('stampNewSticky', () => {
  it('carries no author at all on an anonymous board', () => {
    const stamp = stampNewSticky({}, 'red', { id: null, name: null }, now)
    expect(stamp?.meta.stormline).toMatchObject({ kind: 'pain' })
    expect(stamp?.meta.stormline).not.toHaveProperty('authorId')
    expect(stamp?.meta.stormline).not.toHaveProperty('authorName')
  })

  it('strips the author of a stamped sticky brought back on an anonymous board (undo)', () => {
    const stamp = stampNewSticky(sticky('tech'), 'light-blue', { id: null, name: null }, later)
    expect(stamp?.color).toBe('light-blue')
    expect(stamp?.meta.stormline).toMatchObject({ kind: 'tech', context: 'why it matters' })
    expect(stamp?.meta.stormline).not.toHaveProperty('authorId')
    expect(stamp?.meta.stormline).not.toHaveProperty('authorName')
  })

  it('keeps the name off when only the name is unknown', () => {
    const stamp = stampNewSticky({}, 'red', { id: ada.id, name: null }, now)
    expect(stamp?.meta.stormline).toMatchObject({ kind: 'pain', authorId: ada.id })
    expect(stamp?.meta.stormline).not.toHaveProperty('authorName')
  })

  it('makes a plain note a sticky of the kind its colour stands for', () => {
    expect(stampNewSticky({}, 'red', ada, now)).toEqual({
      color: 'red',
      meta: {
        stormline: {
          kind: 'pain',
          authorId: ada.id,
          authorName: 'Ada',
          createdAt: '2025-03-04T10:20:30.000Z',
          context: '',
          needsDeepDive: false,
          durationMinutes: null,
        },
      },
    })
  })

  it('makes a note in a colour no kind uses a step, in the step colour', () => {
    const stamp = stampNewSticky({}, 'black', ada, now)
    expect(stamp?.color).toBe('orange')
    expect(stamp?.meta.stormline).toMatchObject({ kind: 'step' })
  })

  it('keeps other meta fields', () => {
    expect(stampNewSticky({ other: 1 }, 'violet', ada, now)?.meta).toMatchObject({
      other: 1,
      stormline: { kind: 'question' },
    })
  })

  it('leaves a sticky that is already stamped and consistent alone', () => {
    expect(stampNewSticky(sticky('tech'), 'light-blue', bob, later)).toBeNull()
  })

  it('puts the colour of a stamped sticky back in line with its kind, keeping its author', () => {
    const stamp = stampNewSticky(sticky('team'), 'blue', bob, later)
    expect(stamp?.color).toBe('light-green')
    expect(stamp?.meta.stormline).toEqual(sticky('team').stormline)
  })

  it('fills in the kind of stamped meta that lacks one from the colour', () => {
    const stamp = stampNewSticky(sticky('nonsense'), 'yellow', bob, later)
    expect(stamp).toEqual({ color: 'yellow', meta: sticky('time') })
  })
})

describe('restampCopy', () => {
  it('credits the copy to the copier, now, and keeps what it says', () => {
    expect(restampCopy({ other: true, ...sticky('pain') }, bob, later)).toEqual({
      other: true,
      stormline: {
        ...sticky('pain').stormline,
        authorId: bob.id,
        authorName: 'Bob',
        createdAt: later.toISOString(),
      },
    })
  })

  it('leaves every author off a copy made on an anonymous board, the original’s too', () => {
    const copy = restampCopy(sticky('pain'), { id: null, name: null }, later)
    expect(copy?.stormline).toMatchObject({ kind: 'pain', createdAt: later.toISOString() })
    expect(copy?.stormline).not.toHaveProperty('authorId')
    expect(copy?.stormline).not.toHaveProperty('authorName')
  })

  it('leaves plain notes to the create handler', () => {
    expect(restampCopy({}, bob, later)).toBeNull()
  })
})

describe('kindChange', () => {
  const step = { meta: sticky('step'), color: 'orange' }

  it('lets the colour follow a kind change', () => {
    expect(kindChange(step, { meta: sticky('question'), color: 'orange' })).toEqual({
      kind: 'question',
      color: 'violet',
    })
  })

  it("lets the kind follow a change to another kind's colour", () => {
    expect(kindChange(step, { meta: sticky('step'), color: 'red' })).toEqual({
      kind: 'pain',
      color: 'red',
    })
  })

  it('maps a colour no kind uses back to the colour of the kind', () => {
    expect(kindChange(step, { meta: sticky('step'), color: 'blue' })).toEqual({
      kind: 'step',
      color: 'orange',
    })
  })

  it('needs nothing when kind and colour change together consistently', () => {
    expect(kindChange(step, { meta: sticky('tech'), color: 'light-blue' })).toBeNull()
  })

  it('needs nothing for edits that touch neither', () => {
    expect(kindChange(step, { meta: sticky('step', { context: 'new' }), color: 'orange' })).toBe(
      null,
    )
  })

  it('ignores notes without Stormline meta', () => {
    expect(kindChange({ meta: {}, color: 'orange' }, { meta: {}, color: 'blue' })).toBeNull()
  })
})

describe('patchStickyMeta', () => {
  it('patches the Stormline fields and keeps everything else', () => {
    expect(patchStickyMeta({ other: 'x', ...sticky('time') }, { durationMinutes: 45 })).toEqual({
      other: 'x',
      stormline: { ...sticky('time').stormline, durationMinutes: 45 },
    })
  })
})
