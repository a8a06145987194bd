import { describe, expect, it } from 'vitest'
import {
  colorForParticipantId,
  createParticipantId,
  type KeyValueStorage,
  loadParticipant,
  normalizeDisplayName,
  participantPalette,
  participantStorageKey,
  renameParticipant,
} from './identity.ts'

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  data: Map<string, string>
} {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value)
    },
  }
}

describe('createParticipantId', () => {
  it('encodes 16 random bytes as 22 url-safe characters', () => {
    const id = createParticipantId(() => new Uint8Array(16).fill(0xfb))
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(createParticipantId()).not.toBe(createParticipantId())
  })
})

describe('colorForParticipantId', () => {
  it('is deterministic and always from the palette', () => {
    for (let i = 0; i < 200; i++) {
      const id = createParticipantId()
      expect(colorForParticipantId(id)).toBe(colorForParticipantId(id))
      expect(participantPalette).toContain(colorForParticipantId(id))
    }
  })

  it('spreads ids over several colours', () => {
    const colours = new Set(
      Array.from({ length: 100 }, () => colorForParticipantId(createParticipantId())),
    )
    expect(colours.size).toBeGreaterThan(6)
  })
})

describe('normalizeDisplayName', () => {
  it('trims, collapses whitespace and caps the length', () => {
    expect(normalizeDisplayName('  Ada   \n Lovelace ')).toBe('Ada Lovelace')
    expect(normalizeDisplayName('x'.repeat(100))).toHaveLength(40)
    expect(normalizeDisplayName('   ')).toBeNull()
  })
})

describe('loadParticipant', () => {
  it('creates, stores and then reuses the same participant', () => {
    const storage = memoryStorage()
    const first = loadParticipant(storage, () => 'participant-one-id')
    expect(first).toEqual({
      id: 'participant-one-id',
      name: null,
      color: colorForParticipantId('participant-one-id'),
    })
    expect(loadParticipant(storage, () => 'another-id-entirely')).toEqual(first)
  })

  it('replaces unusable stored values', () => {
    const storage = memoryStorage({ [participantStorageKey]: '{"id":3}' })
    expect(loadParticipant(storage, () => 'fresh-participant').id).toBe('fresh-participant')
    const garbage = memoryStorage({ [participantStorageKey]: 'not json' })
    expect(loadParticipant(garbage, () => 'fresh-participant').id).toBe('fresh-participant')
  })

  it('survives storage that throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(loadParticipant(broken, () => 'ephemeral-id').id).toBe('ephemeral-id')
    expect(loadParticipant(null, () => 'ephemeral-id').name).toBeNull()
  })
})

describe('renameParticipant', () => {
  it('persists a normalised name and keeps id and colour', () => {
    const storage = memoryStorage()
    const participant = loadParticipant(storage, () => 'participant-one-id')
    const renamed = renameParticipant(storage, participant, '  Grace  ')
    expect(renamed).toEqual({ ...participant, name: 'Grace' })
    expect(loadParticipant(storage)).toEqual(renamed)
  })

  it('ignores empty names', () => {
    const storage = memoryStorage()
    const participant = loadParticipant(storage, () => 'participant-one-id')
    expect(renameParticipant(storage, participant, '   ')).toBe(participant)
  })
})
