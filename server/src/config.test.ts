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

describe('loadConfig: logging and board-creation limit', () => {
  it('defaults to info logs, 30 creations a minute and no trusted proxy', () => {
    const config = loadConfig({})
    expect(config.logLevel).toBe('info')
    expect(config.createRatePerMinute).toBe(30)
    expect(config.trustProxy).toBe(false)
  })

  it('reads them from the environment', () => {
    const config = loadConfig({
      LOG_LEVEL: ' WARN ',
      CREATE_RATE_PER_MINUTE: '0',
      TRUST_PROXY: 'true',
    })
    expect(config.logLevel).toBe('warn')
    expect(config.createRatePerMinute).toBe(0)
    expect(config.trustProxy).toBe(true)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
  })

  it('refuses values it cannot read', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/)
    expect(() => loadConfig({ CREATE_RATE_PER_MINUTE: '-1' })).toThrow(/CREATE_RATE_PER_MINUTE/)
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/)
  })
})
