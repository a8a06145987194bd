import { describe, expect, it } from 'vitest'
import { readStickyMeta } from './sticky-meta.ts'

describe('readStickyMeta', () => {
  it('reads every field a current client writes', () => {
    const meta = {
      stormline: {
        kind: 'time',
        authorId: 'p1',
        authorName: 'Ada',
        createdAt: '2026-11-23T10:00:00.000Z',
        context: 'Why it takes two weeks',
        needsDeepDive: true,
        durationMinutes: 90,
        addedByANewerClient: { anything: true },
      },
      otherPlugin: 1,
    }
    expect(readStickyMeta(meta)).toEqual({
      kind: 'time',
      authorId: 'p1',
      authorName: 'Ada',
      createdAt: '2026-11-23T10:00:00.000Z',
      context: 'Why it takes two weeks',
      needsDeepDive: true,
      durationMinutes: 90,
    })
  })

  it.each([[undefined], [null], [{}], [{ stormline: 'step' }], [{ stormline: [1] }]])(
    'returns null without Stormline meta: %j',
    (meta) => {
      expect(readStickyMeta(meta)).toBeNull()
    },
  )

  it('falls back to defaults for fields of the wrong type', () => {
    expect(
      readStickyMeta({
        stormline: {
          kind: 'risk',
          authorId: 7,
          context: ['x'],
          needsDeepDive: 'yes',
          durationMinutes: -5,
        },
      }),
    ).toEqual({ context: '', needsDeepDive: false, durationMinutes: null })
  })
})
