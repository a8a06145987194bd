export interface Throttled {
  (): void
  /** Drops a pending trailing call. */
  cancel(): void
}

/**
 * Runs `fn` at once, then at most once per `intervalMs`, always finishing with a trailing call
 * so the last state is never dropped. Presence changes on every pointer move; this keeps the
 * websocket traffic per participant bounded without making cursors lag.
 */
export function throttle(fn: () => void, intervalMs: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending = false

  const tick = (): void => {
    timer = null
    if (!pending) return
    pending = false
    fn()
    timer = setTimeout(tick, intervalMs)
  }

  const throttled = (): void => {
    if (timer !== null) {
      pending = true
      return
    }
    fn()
    timer = setTimeout(tick, intervalMs)
  }
  throttled.cancel = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    pending = false
  }
  return throttled
}
