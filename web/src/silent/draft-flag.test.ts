import { describe, expect, it } from 'vitest'
import { hasDraftFlag, keepDraftFlag, withDraftFlag } from './draft-flag.ts'

const sticky = { stormline: { kind: 'pain', authorId: 'm1' }, other: 1 }
const draft = { stormline: { kind: 'pain', authorId: 'm1', draft: true }, other: 1 }

describe('the draft flag', () => {
  it('is read from meta.stormline.draft, true only when exactly true', () => {
    expect(hasDraftFlag(draft)).toBe(true)
    expect(hasDraftFlag(sticky)).toBe(false)
    expect(hasDraftFlag({ stormline: { draft: 'yes' } })).toBe(false)
    expect(hasDraftFlag({})).toBe(false)
  })

  it('a note made during a round gets it, keeping every other field', () => {
    expect(withDraftFlag(sticky, true)).toEqual(draft)
  })

  it('a note made outside a round loses it (a pasted draft)', () => {
    expect(withDraftFlag(draft, false)).toEqual(sticky)
  })

  it('is the same object when nothing changes', () => {
    expect(withDraftFlag(draft, true)).toBe(draft)
    expect(withDraftFlag(sticky, false)).toBe(sticky)
    expect(withDraftFlag({}, false)).toEqual({})
  })

  it('an edit keeps the flag the note had: a draft stays one, a sticky never becomes one', () => {
    expect(keepDraftFlag(draft, sticky)).toEqual(draft)
    expect(keepDraftFlag(sticky, draft)).toEqual(sticky)
    const moved = { ...draft }
    expect(keepDraftFlag(draft, moved)).toBe(moved)
  })
})
