import { describe, expect, it } from 'vitest'
import { hashAccessToken, issueTokens, isWellFormedToken, newAccessToken } from './tokens.ts'

describe('access tokens', () => {
  it('carry at least 128 random bits in a URL-safe alphabet', () => {
    const token = newAccessToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    // 32 base64url characters = 192 bits.
    expect(Buffer.from(token, 'base64url').byteLength * 8).toBeGreaterThanOrEqual(128)
    expect(isWellFormedToken(token)).toBe(true)
  })

  it('are never the same twice', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newAccessToken()))
    expect(seen.size).toBe(1000)
  })

  it('are stored as a SHA-256 that does not contain the token', () => {
    const token = newAccessToken()
    const hash = hashAccessToken(token)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hash).not.toContain(token)
    expect(hashAccessToken(token)).toBe(hash)
  })

  it('refuses strings that cannot be tokens without looking them up', () => {
    for (const bad of ['', 'short', `${newAccessToken()}x`, `${'a'.repeat(31)}!`, '../../etc']) {
      expect(isWellFormedToken(bad)).toBe(false)
    }
  })

  it('issues one token per role with matching hashes', () => {
    const { tokens, hashes } = issueTokens()
    expect(Object.keys(tokens).sort()).toEqual(['facilitator', 'participant', 'viewer'])
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(hashes[role]).toBe(hashAccessToken(tokens[role]))
    }
    const some = issueTokens(['viewer'])
    expect(Object.keys(some.tokens)).toEqual(['viewer'])
  })
})
