/** Structured one-line-per-event logging; tests pass a silent or capturing logger. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

type Level = 'info' | 'warn' | 'error'

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify(
    { time: new Date().toISOString(), level, event, ...fields },
    (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v),
  )
  if (level === 'info') process.stdout.write(`${line}\n`)
  else process.stderr.write(`${line}\n`)
}

export const consoleLogger: Logger = {
  info: (event, fields) => write('info', event, fields),
  warn: (event, fields) => write('warn', event, fields),
  error: (event, fields) => write('error', event, fields),
}

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
}
