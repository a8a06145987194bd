import { describe, expect, it } from 'vitest'
import { addressWithoutToken, tokenInSearch, tokenOfLink } from './link-token.ts'

describe('link tokens', () => {
  it('finds the token of a role link', () => {
    expect(tokenInSearch('?token=abc_123')).toBe('abc_123')
    expect(tokenInSearch('?focus=cluster%3A1&token=t')).toBe('t')
    expect(tokenInSearch('')).toBeNull()
    expect(tokenInSearch('?token=')).toBeNull()
  })

  it('drops only the token from the address', () => {
    const at = (search: string, hash = '') => ({ pathname: '/b/AbC', search, hash })
    expect(addressWithoutToken(at('?token=abc'))).toBe('/b/AbC')
    expect(addressWithoutToken(at('?token=abc&focus=cluster%3A1'))).toBe('/b/AbC?focus=cluster%3A1')
    expect(addressWithoutToken(at('?focus=shape%3Ax&token=abc', '#here'))).toBe(
      '/b/AbC?focus=shape%3Ax#here',
    )
    expect(addressWithoutToken(at(''))).toBe('/b/AbC')
  })

  it('reads the token of a saved link', () => {
    expect(tokenOfLink('https://s.example/b/AbC?token=f1')).toBe('f1')
    expect(tokenOfLink('/b/AbC?token=f2')).toBe('f2')
    expect(tokenOfLink('https://s.example/b/AbC')).toBeNull()
    expect(tokenOfLink(undefined)).toBeNull()
  })
})
