import { describe, expect, it } from 'vitest'
import { draftCountText, silentWritingStatusText } from './silent-writing-text.ts'

describe('silent-writing texts', () => {
  it('everyone reads the round is on; outside a round only the facilitator reads anything', () => {
    const during =
      'Silent writing: your stickies are visible only to you until the facilitator reveals them'
    expect(silentWritingStatusText(true, false)).toBe(during)
    expect(silentWritingStatusText(true, true)).toBe(during)
    expect(silentWritingStatusText(false, false)).toBeNull()
    expect(silentWritingStatusText(false, true)).toMatch(/reveal/)
  })

  it('the facilitator reads people and drafts, in the right number', () => {
    expect(draftCountText(null)).toBe('Counting drafts…')
    expect(draftCountText({ writers: 0, drafts: 0 })).toBe('No drafts yet')
    expect(draftCountText({ writers: 1, drafts: 1 })).toBe('1 person has written 1 draft')
    expect(draftCountText({ writers: 2, drafts: 5 })).toBe('2 people have written 5 drafts')
  })
})
