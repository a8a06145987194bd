import { describe, expect, it } from 'vitest'
import { checkCheckpointName } from './checkpoint-name.ts'
import { maxCheckpointNameLength } from './history-api.ts'

describe('checkCheckpointName', () => {
  const cases: [string, string, string | null][] = [
    ['a plain name', 'Before lunch', 'Before lunch'],
    ['trimmed', '  After the vote \t', 'After the vote'],
    ['emoji and accents count as characters', 'Fête 🎉', 'Fête 🎉'],
    ['the longest name', 'x'.repeat(maxCheckpointNameLength), 'x'.repeat(maxCheckpointNameLength)],
    ['empty', '', null],
    ['only spaces', '   ', null],
    ['too long', 'x'.repeat(maxCheckpointNameLength + 1), null],
    ['a line break', 'two\nlines', null],
    ['a NUL', 'a\u0000b', null],
    ['an escape sequence', 'red \u001b[31m', null],
    ['a line separator', 'a\u2028b', null],
  ]

  it.each(cases)('%s', (_case, raw, expected) => {
    const check = checkCheckpointName(raw)
    if (expected === null) expect(check.ok).toBe(false)
    else expect(check).toEqual({ ok: true, name: expected })
  })
})
