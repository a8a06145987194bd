import { useEffect, useReducer } from 'react'

/**
 * Re-renders every `intervalMs` while `active`, and not at all otherwise: a paused or idle timer
 * costs nothing. Callers read the clock during render, so the first frame after starting is
 * already right.
 */
export function useTicking(active: boolean, intervalMs = 250): void {
  const [, tick] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!active) return
    const id = window.setInterval(tick, intervalMs)
    return () => window.clearInterval(id)
  }, [active, intervalMs])
}
