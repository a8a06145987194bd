import { summonAwarenessField } from '@stormline/shared/access/awareness-policy'
import { expect, it } from 'vitest'
import { summonField } from './summon-tracker.ts'

it('uses the awareness field the server keeps for the facilitator', () => {
  // The server strips this field from everyone but the facilitator (ADR 0008).
  expect(summonField).toBe(summonAwarenessField)
})
