import { describe, expect, it } from 'vitest'
import { decodeRelayMessage, encodeRelayMessage, type RelayEnvelope } from './relay-messages.ts'

const envelopes: RelayEnvelope[] = [
  {
    node: 'node-a',
    sentAt: 1_700_000_000_123,
    message: { kind: 'update', seq: 42, update: new Uint8Array([1, 2, 3]) },
  },
  { node: 'node-b', sentAt: 1, message: { kind: 'awareness', update: new Uint8Array([9]) } },
  { node: 'n', sentAt: 2, message: { kind: 'awareness-query' } },
  {
    node: 'n',
    sentAt: 3,
    message: { kind: 'private', memberId: 'm1', update: new Uint8Array([0, 0]) },
  },
  {
    node: 'n',
    sentAt: 4,
    message: {
      kind: 'control',
      control: { kind: 'roles-rotated', roles: ['participant', 'viewer'] },
    },
  },
  { node: 'n', sentAt: 5, message: { kind: 'control', control: { kind: 'board-deleted' } } },
  {
    node: 'n',
    sentAt: 6,
    message: { kind: 'control', control: { kind: 'grant', memberId: 'm2', grant: null } },
  },
]

describe('relay messages', () => {
  it('decode to what was encoded, for every kind', () => {
    for (const envelope of envelopes) {
      expect(decodeRelayMessage(encodeRelayMessage(envelope))).toEqual(envelope)
    }
  })

  it('decode garbage, truncation, trailing bytes and bad control to null, never throwing', () => {
    const good = encodeRelayMessage(envelopes[0] as RelayEnvelope)
    expect(decodeRelayMessage(new Uint8Array([]))).toBeNull()
    expect(decodeRelayMessage(new Uint8Array([7, 0, 0]))).toBeNull()
    expect(decodeRelayMessage(good.slice(0, good.length - 2))).toBeNull()
    expect(decodeRelayMessage(new Uint8Array([...good, 0]))).toBeNull()
    const badControl = encodeRelayMessage({
      node: 'n',
      sentAt: 1,
      message: { kind: 'control', control: { kind: 'roles-rotated', roles: [] } },
    })
    expect(decodeRelayMessage(badControl)).toBeNull()
    for (let seed = 1; seed < 500; seed++) {
      const random = Uint8Array.from({ length: seed % 40 }, (_, i) => (seed * 31 + i * 17) % 256)
      expect(() => decodeRelayMessage(random)).not.toThrow()
    }
  })
})
