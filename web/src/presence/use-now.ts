import { useEffect, useState } from 'react'

/**
 * The time, re-read every `periodMs`: what "idle 2 min" is measured against. A timer rather than
 * a signal, so a test can move it with the page's clock like any other timer.
 */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs)
    return () => clearInterval(timer)
  }, [periodMs])
  return now
}
