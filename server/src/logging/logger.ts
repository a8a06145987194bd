import pino, { type DestinationStream } from 'pino'
import { currentLogContext } from './log-context.ts'

/** Structured one-line-per-event logging; tests pass a silent or capturing logger. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

/** pino's levels; the server writes info, warn and error, `silent` writes nothing. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

export interface LoggerOptions {
  /** Written as `node` on every line, so lines from several nodes can be told apart. */
  nodeId?: string
  /** Lines below this level are dropped (default info). */
  level?: LogLevel
  /** Where lines go (default: stdout, written synchronously). */
  destination?: DestinationStream
}

/** Keys every line has; a field with the same name is written with a leading underscore. */
const envelopeKeys = new Set(['level', 'time', 'node', 'event', 'msg'])

/** pino's err serializer (type, message, stack, cause, own properties), plus the error's name. */
function serializeError(error: Error): Record<string, unknown> {
  return { name: error.name, ...pino.stdSerializers.err(error) }
}

/** The event, its fields, then the context's fields (an explicit field wins over the context). */
function entry(event: string, fields: Record<string, unknown> | undefined): object {
  // `event` first: scripts and tests match `"event":"server.listening".*"port":` on the line.
  const line: Record<string, unknown> = { event }
  for (const [key, value] of Object.entries(fields ?? {})) {
    line[envelopeKeys.has(key) ? `_${key}` : key] =
      value instanceof Error ? serializeError(value) : value
  }
  for (const [key, value] of Object.entries(currentLogContext())) {
    if (!(key in line) && !envelopeKeys.has(key)) line[key] = value
  }
  return line
}

/**
 * One JSON line per event on pino: `{"level":"info","time":"<ISO>","node":…,"event":…,…fields}`,
 * plus the fields of the current log context (log-context.ts), e.g. the request id.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const log = pino(
    {
      level: options.level ?? 'info',
      // No pid/hostname: the node id names the process (and is stable across restarts).
      base: options.nodeId === undefined ? null : { node: options.nodeId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous, like the process.stdout writes before: a line logged just before a crash or
    // process.exit() is not lost, and tests read lines as soon as the event happened.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  )
  return {
    info: (event, fields) => log.info(entry(event, fields)),
    warn: (event, fields) => log.warn(entry(event, fields)),
    error: (event, fields) => log.error(entry(event, fields)),
  }
}

let defaultLogger: Logger | null = null
/** Info and above to stdout, without a node id; made on first use (importing writes nothing). */
export const consoleLogger: Logger = {
  info: (event, fields) => {
    defaultLogger ??= createLogger()
    defaultLogger.info(event, fields)
  },
  warn: (event, fields) => {
    defaultLogger ??= createLogger()
    defaultLogger.warn(event, fields)
  },
  error: (event, fields) => {
    defaultLogger ??= createLogger()
    defaultLogger.error(event, fields)
  },
}

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
}
