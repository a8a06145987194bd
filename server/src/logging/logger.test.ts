import { describe, expect, it } from 'vitest'
import { withLogContext } from './log-context.ts'
import { createLogger, type LoggerOptions } from './logger.ts'

/** A real pino logger writing into an array instead of stdout. */
function capture(options: LoggerOptions = {}) {
  const lines: string[] = []
  const logger = createLogger({ ...options, destination: { write: (line) => lines.push(line) } })
  const parsed = (): Record<string, unknown>[] =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  return { logger, lines, parsed }
}

describe('createLogger', () => {
  it('writes one JSON line per event: time, level label, node, event and fields', () => {
    const { logger, lines, parsed } = capture({ nodeId: 'node-a' })
    logger.info('board.created', { boardId: 'b1', bytes: 12 })
    logger.warn('sync.throttled', { queued: 3 })

    expect(lines).toHaveLength(2)
    for (const line of lines)
      expect(line.split('\n')).toEqual([expect.stringMatching(/^{.*}$/), ''])
    const [info, warn] = parsed()
    expect(info).toEqual({
      level: 'info',
      time: expect.any(String),
      node: 'node-a',
      event: 'board.created',
      boardId: 'b1',
      bytes: 12,
    })
    expect(new Date(String(info?.time)).toISOString()).toBe(info?.time)
    expect(warn).toMatchObject({ level: 'warn', node: 'node-a', event: 'sync.throttled' })
  })

  it('writes the event before its fields, as the scripts that wait for the port expect', () => {
    const { logger, lines } = capture({ nodeId: 'n' })
    logger.info('server.listening', { url: 'http://127.0.0.1:4321', port: 4321 })
    // The pattern server/test/support/observed-server.ts and bench/src/servers/stormline.ts use.
    expect(/"event":"server.listening".*?"port":(\d+)/.exec(lines[0] ?? '')?.[1]).toBe('4321')
  })

  it('serialises errors with name, message and stack, causes included', () => {
    const { logger, parsed } = capture()
    const error = new TypeError('store went away', { cause: new Error('ECONNRESET') })
    logger.error('sync.persist_failed', { boardId: 'b1', error })
    const [line] = parsed()
    expect(line).toMatchObject({ level: 'error', event: 'sync.persist_failed', boardId: 'b1' })
    expect(line?.error).toMatchObject({
      name: 'TypeError',
      message: 'store went away: ECONNRESET',
      stack: expect.stringContaining('TypeError: store went away'),
    })
    expect(line).not.toHaveProperty('node')
  })

  it('drops lines below its level', () => {
    const { logger, parsed } = capture({ level: 'warn' })
    logger.info('http.request', {})
    logger.warn('sync.overloaded', {})
    logger.error('sync.load_failed', {})
    expect(parsed().map((line) => line.event)).toEqual(['sync.overloaded', 'sync.load_failed'])
    const silent = capture({ level: 'silent' })
    silent.logger.error('sync.load_failed', {})
    expect(silent.lines).toEqual([])
  })

  it('adds the fields of the current log context, across awaits', async () => {
    const { logger, parsed } = capture()
    await withLogContext({ requestId: 'req-1' }, async () => {
      logger.info('before.await')
      await Promise.resolve()
      logger.info('after.await', { requestId: 'explicit' })
    })
    logger.info('outside')
    expect(parsed().map(({ event, requestId }) => ({ event, requestId }))).toEqual([
      { event: 'before.await', requestId: 'req-1' },
      { event: 'after.await', requestId: 'explicit' },
      { event: 'outside', requestId: undefined },
    ])
  })

  it('keeps a field named like an envelope key without letting it replace the envelope', () => {
    const { logger, parsed } = capture({ nodeId: 'n' })
    logger.info('odd.fields', { level: 'x', event: 'other', node: 'm' })
    expect(parsed()[0]).toMatchObject({
      level: 'info',
      event: 'odd.fields',
      node: 'n',
      _level: 'x',
      _event: 'other',
      _node: 'm',
    })
  })
})
