import { describe, expect, it } from 'vitest'
import { isClusterId, readFocusParam } from './deep-link.ts'

describe('readFocusParam', () => {
  it('reads the focus target and leaves the rest of the query', () => {
    expect(readFocusParam('?focus=cluster%3Avm')).toEqual({ target: 'cluster:vm', rest: '' })
    expect(readFocusParam('?a=1&focus=shape%3Ax&b=2')).toEqual({
      target: 'shape:x',
      rest: '?a=1&b=2',
    })
  })

  it('is null without a focus', () => {
    expect(readFocusParam('')).toBeNull()
    expect(readFocusParam('?focus=')).toBeNull()
  })

  it('tells clusters from stickies', () => {
    expect(isClusterId('cluster:vm')).toBe(true)
    expect(isClusterId('shape:x')).toBe(false)
  })
})
