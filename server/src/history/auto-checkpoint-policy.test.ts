import { describe, expect, it } from 'vitest'
import {
  autoCheckpointDueAt,
  dirtyAfterAttempt,
  isCoveredByLatest,
} from './auto-checkpoint-policy.ts'

describe('automatic checkpoint rules', () => {
  it('is due one interval after the first change not yet kept', () => {
    expect(autoCheckpointDueAt(5_000, 600_000)).toBe(605_000)
  })

  it.each([
    ['no checkpoint stored', null, 1_000, false],
    ['the newest is older than the first change', 999, 1_000, false],
    ['another node took one at that moment', 1_000, 1_000, true],
    ['another node took one after it', 4_000, 1_000, true],
  ] as const)('a stored checkpoint covers the changes: %s', (_case, latest, since, covered) => {
    expect(isCoveredByLatest(latest, since)).toBe(covered)
  })

  it.each([
    ['kept, nothing since', { ok: true, dirtySince: 10 }, null, null],
    ['kept, changed since', { ok: true, dirtySince: 10 }, 30, 30],
    ['failed, nothing since', { ok: false, dirtySince: 10 }, null, 10],
    ['failed, changed since', { ok: false, dirtySince: 10 }, 30, 10],
  ] as const)('after an attempt: %s', (_case, attempt, since, dirty) => {
    expect(dirtyAfterAttempt(attempt, since)).toBe(dirty)
  })
})
