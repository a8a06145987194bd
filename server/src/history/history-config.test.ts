import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'

describe('history configuration', () => {
  it('defaults to a checkpoint every 10 minutes of activity, 50 kept for 30 days', () => {
    expect(loadConfig({}).history).toEqual({ autoMs: 600_000, keepAuto: 50, keepDays: 30 })
  })

  it('reads fractions of minutes, 0 to switch automatic checkpoints off, and the retention', () => {
    const config = loadConfig({
      HISTORY_AUTO_MINUTES: '0.01',
      HISTORY_KEEP_AUTO: '3',
      HISTORY_KEEP_DAYS: '7',
    })
    expect(config.history).toEqual({ autoMs: 600, keepAuto: 3, keepDays: 7 })
    expect(loadConfig({ HISTORY_AUTO_MINUTES: '0' }).history.autoMs).toBe(0)
  })

  it.each([
    ['HISTORY_AUTO_MINUTES', '-1'],
    ['HISTORY_AUTO_MINUTES', 'often'],
    ['HISTORY_KEEP_AUTO', '2.5'],
    ['HISTORY_KEEP_DAYS', '-3'],
  ])('refuses %s=%s with a readable error', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`Invalid configuration: ${name}`),
    )
  })
})
