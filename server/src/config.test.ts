import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('loadConfig: flow control (BAD-2)', () => {
  it('defaults to 200/s, a burst of 400, an 8 MiB queue and twice the board limit unsent', () => {
    const config = loadConfig({})
    expect(config.rateLimit).toEqual({ perSecond: 200, burst: 400, queueBytes: 8 * 1024 * 1024 })
    expect(config.sendBufferBytes).toBe(2 * config.maxBoardBytes)
  })

  it('reads the limits from the environment', () => {
    const config = loadConfig({
      RATE_LIMIT_PER_SECOND: '100',
      RATE_LIMIT_BURST: '50',
      RATE_LIMIT_QUEUE_BYTES: '4096',
      MAX_BOARD_BYTES: String(1024 * 1024),
      SEND_BUFFER_BYTES: String(2 * 1024 * 1024),
    })
    expect(config.rateLimit).toEqual({ perSecond: 100, burst: 50, queueBytes: 4096 })
    expect(config.sendBufferBytes).toBe(2 * 1024 * 1024)
  })

  it('refuses an outgoing bound that could not hold a first sync of a full board', () => {
    expect(() =>
      loadConfig({ MAX_BOARD_BYTES: String(1024 * 1024), SEND_BUFFER_BYTES: '65536' }),
    ).toThrow(/SEND_BUFFER_BYTES/)
  })
})
