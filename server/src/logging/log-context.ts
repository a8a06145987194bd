import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Fields that belong on every log line written while some work runs (e.g. the request id of the
 * HTTP request being served), whoever writes the line: route code, the sync endpoint or a room
 * reacting to the request. AsyncLocalStorage carries them across awaits, so callers need not pass
 * them down.
 */
export type LogContext = Readonly<Record<string, unknown>>

const storage = new AsyncLocalStorage<LogContext>()

/** Runs `work` with `fields` added to the current context (inner fields win). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work)
}

/** The fields of the work running now; empty outside any. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {}
}
