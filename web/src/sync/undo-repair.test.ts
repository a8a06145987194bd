import { describe, expect, it } from 'vitest'
import { withMissingFields } from './undo-repair.ts'

describe('withMissingFields', () => {
  it('fills what is missing at the depths stored as maps, and keeps what is there', () => {
    const current = {
      id: 'shape:a',
      y: 5,
      props: { color: 'red', richText: { type: 'doc', content: [] } },
      meta: { stormline: { kind: 'pain' } },
    }
    const fallback = {
      id: 'shape:a',
      x: 1,
      y: 2,
      props: {
        color: 'yellow',
        size: 'm',
        richText: { type: 'doc', content: [{ type: 'paragraph' }] },
      },
      meta: { stormline: { kind: 'step', context: 'old' } },
    }
    expect(withMissingFields(current, fallback)).toEqual({
      id: 'shape:a',
      x: 1,
      y: 5,
      // Rich text is one value: never merged with an older one.
      props: { color: 'red', size: 'm', richText: { type: 'doc', content: [] } },
      meta: { stormline: { kind: 'pain', context: 'old' } },
    })
  })
})
