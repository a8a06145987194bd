import {
  pauseTimer,
  resetTimer,
  startTimer,
  type TimerState,
  timerRemainingMs,
} from '@stormline/shared/board/session'

export type TimerPhase = 'idle' | 'running' | 'paused' | 'finished'

/**
 * Remaining time as shown. While clocks are still being corrected a peer may see a start time
 * slightly in its future; never show more than was left when the timer was started.
 */
export function displayRemainingMs(timer: TimerState, now: number): number {
  return Math.min(timer.remainingMs, timerRemainingMs(timer, now))
}

export function timerPhase(timer: TimerState, now: number): TimerPhase {
  const remaining = timerRemainingMs(timer, now)
  if (remaining <= 0) return 'finished'
  if (timer.startedAt !== null) return 'running'
  return remaining >= timer.durationMs ? 'idle' : 'paused'
}

/**
 * m:ss, rounded up: a fresh 5-minute timer reads 5:00 for its first second and 0:00 appears
 * only when time is really up.
 */
export function formatRemaining(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}

export const timerPresetMinutes = [2, 5, 10, 15] as const
export const defaultTimerMinutes = 5

export function minutesToMs(minutes: number): number {
  return minutes * 60_000
}

/** Start, resume, or — once time is up — run the same duration again from the top. */
export function startOrRestart(timer: TimerState, now: number): TimerState {
  const stopped = pauseTimer(timer, now)
  return startTimer(stopped.remainingMs > 0 ? stopped : resetTimer(stopped), now)
}
