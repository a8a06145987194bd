import { describe, expect, it } from 'vitest'
import { imageFileName } from './image-file-name.ts'

describe('imageFileName', () => {
  it.each([
    ['Release discovery', 'png', 'Release-discovery.png'],
    ['Path to production: payments', 'svg', 'Path-to-production-payments.svg'],
    ['Équipe 🔥 / Ops', 'png', 'Equipe-Ops.png'],
    ['../../etc/passwd', 'svg', 'etc-passwd.svg'],
    ['  ', 'png', 'board.png'],
    ['CON', 'png', 'CON-board.png'],
    ['a'.repeat(200), 'svg', `${'a'.repeat(80)}.svg`],
  ] as const)('%j → %s', (name, format, expected) => {
    expect(imageFileName(name, format)).toBe(expected)
  })
})
