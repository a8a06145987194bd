import {
  pauseTimer,
  resetTimer,
  startTimer,
  type TimerState,
  timerRemainingMs,
} from '@stormline/shared/board/session'
import { describe, expect, it } from 'vitest'
import { serverTime } from './server-clock-math.ts'
import {
  displayRemainingMs,
  formatRemaining,
  minutesToMs,
  startOrRestart,
  timerPhase,
} from './timer-display.ts'

const fiveMinutes: TimerState = resetTimer(
  { durationMs: 0, remainingMs: 0, startedAt: null },
  300_000,
)

describe('timer phase', () => {
  it('is idle until started, running while counting, paused when stopped part-way', () => {
    expect(timerPhase(fiveMinutes, 0)).toBe('idle')
    const running = startTimer(fiveMinutes, 1_000)
    expect(timerPhase(running, 2_000)).toBe('running')
    expect(timerPhase(pauseTimer(running, 61_000), 99_000)).toBe('paused')
  })

  it('is finished once the time has run out, running or not', () => {
    const running = startTimer(fiveMinutes, 0)
    expect(timerPhase(running, 300_000)).toBe('finished')
    expect(timerPhase(running, 900_000)).toBe('finished')
    expect(timerPhase(pauseTimer(running, 400_000), 500_000)).toBe('finished')
  })
})

describe('start button', () => {
  it('starts an idle timer and resumes a paused one where it stopped', () => {
    expect(startOrRestart(fiveMinutes, 10)).toEqual({ ...fiveMinutes, startedAt: 10 })
    const paused = pauseTimer(startTimer(fiveMinutes, 0), 60_000)
    expect(startOrRestart(paused, 70_000)).toEqual({
      durationMs: 300_000,
      remainingMs: 240_000,
      startedAt: 70_000,
    })
  })

  it('runs a finished timer again from the full duration', () => {
    const finished = startTimer(fiveMinutes, 0)
    expect(startOrRestart(finished, 400_000)).toEqual({
      durationMs: 300_000,
      remainingMs: 300_000,
      startedAt: 400_000,
    })
  })
})

describe('remaining time', () => {
  it('shows m:ss rounded up to the next second', () => {
    expect(formatRemaining(300_000)).toBe('5:00')
    expect(formatRemaining(299_001)).toBe('5:00')
    expect(formatRemaining(299_000)).toBe('4:59')
    expect(formatRemaining(61_000)).toBe('1:01')
    expect(formatRemaining(1)).toBe('0:01')
    expect(formatRemaining(0)).toBe('0:00')
    expect(formatRemaining(-5)).toBe('0:00')
    expect(formatRemaining(minutesToMs(15))).toBe('15:00')
  })

  it('never shows more than was left at the start, even with a start time in the future', () => {
    const running = startTimer(fiveMinutes, 10_000)
    expect(displayRemainingMs(running, 9_400)).toBe(300_000)
    expect(displayRemainingMs(running, 70_000)).toBe(240_000)
  })

  it('agrees between two clients whose clocks disagree, once each corrects by its offset', () => {
    // The server is at 1,000,000. Alice's clock runs 40 s fast, Bob's 25 s slow.
    const aliceOffset = -40_000
    const bobOffset = 25_000
    const startedAt = serverTime(1_000_000 + 40_000, aliceOffset)
    const timer = startTimer(fiveMinutes, startedAt)
    // Ten seconds later on the server clock:
    const aliceNow = serverTime(1_010_000 + 40_000, aliceOffset)
    const bobNow = serverTime(1_010_000 - 25_000, bobOffset)
    expect(timerRemainingMs(timer, aliceNow)).toBe(290_000)
    expect(timerRemainingMs(timer, bobNow)).toBe(290_000)
    expect(formatRemaining(timerRemainingMs(timer, bobNow))).toBe('4:50')
  })
})
