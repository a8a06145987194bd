/**
 * The clock and one-shot timer the sync core's schedulers use (rate-limit queue, storage
 * acknowledgements). Injected so their tests run on a manual clock.
 */
export interface Timers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Real time; a pending timer never keeps the process alive on its own. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}
