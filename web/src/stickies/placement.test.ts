import { describe, expect, it } from 'vitest'
import { nudgedClear } from './placement.ts'

describe('nudgedClear', () => {
  it('keeps a free spot', () => {
    expect(nudgedClear({ x: 0, y: 0 }, [{ x: 100, y: 100 }], 24)).toEqual({ x: 0, y: 0 })
  })

  it('steps past stickies already there', () => {
    const taken = [
      { x: 0, y: 0 },
      { x: 24, y: 24 },
      { x: 5, y: -3 },
    ]
    expect(nudgedClear({ x: 0, y: 0 }, taken, 24)).toEqual({ x: 48, y: 48 })
  })

  it('gives up after twenty steps', () => {
    const taken = Array.from({ length: 50 }, (_, i) => ({ x: i * 10, y: i * 10 }))
    expect(nudgedClear({ x: 0, y: 0 }, taken, 10)).toEqual({ x: 200, y: 200 })
  })
})
