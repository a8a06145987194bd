/**
 * Values that arrive now or later. The embedded stores answer in the calling tick and the sync
 * core stays synchronous on them (one node on SQLite relays an edit in the tick it arrived, as
 * before ADR 0014); PostgreSQL answers with promises, and the same code then continues later.
 */
export type Awaitable<T> = T | Promise<T>

/** Whether a value arrives later (a promise or another thenable). */
export function isPromise<T>(value: Awaitable<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/**
 * Runs `next` on the value: at once when it is already there, after it resolves otherwise. A
 * synchronous throw stays synchronous; a rejection stays a rejection.
 */
export function andThen<T, U>(value: Awaitable<T>, next: (value: T) => Awaitable<U>): Awaitable<U> {
  return isPromise(value) ? value.then(next) : next(value)
}

/** Runs `cleanup` when `value` fails, whether it throws now or rejects later, and fails the same. */
export function onFailure<T>(run: () => Awaitable<T>, cleanup: () => void): Awaitable<T> {
  let value: Awaitable<T>
  try {
    value = run()
  } catch (error) {
    cleanup()
    throw error
  }
  if (!isPromise(value)) return value
  return value.catch((error: unknown) => {
    cleanup()
    throw error
  })
}

/**
 * Runs `run` and hands its value to `ok`, or what it threw or rejected with to `failed`; stays
 * synchronous when `run` is.
 */
export function settle<T, U>(
  run: () => Awaitable<T>,
  ok: (value: T) => Awaitable<U>,
  failed: (error: unknown) => Awaitable<U>,
): Awaitable<U> {
  let value: Awaitable<T>
  try {
    value = run()
  } catch (error) {
    return failed(error)
  }
  return isPromise(value) ? value.then(ok, failed) : ok(value)
}
