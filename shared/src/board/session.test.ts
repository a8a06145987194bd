import { describe, expect, it } from 'vitest'
import {
  clampStep,
  pauseTimer,
  readTimer,
  resetTimer,
  startTimer,
  type TimerState,
  timerRemainingMs,
  workshopSteps,
} from './session.ts'

const fiveMinutes: TimerState = { durationMs: 300_000, remainingMs: 300_000, startedAt: null }

describe('workshop steps', () => {
  it('are the six steps of the recipe, numbered in order, each with an instruction', () => {
    expect(workshopSteps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6])
    for (const step of workshopSteps) expect(step.instruction.length).toBeGreaterThan(20)
  })

  it.each([
    [3, 3],
    [0, 1],
    [7, 6],
    [2.6, 3],
    ['4', 1],
    [Number.NaN, 1],
    [undefined, 1],
  ])('clamps %j to %d', (input, expected) => {
    expect(clampStep(input)).toBe(expected)
  })
})

describe('timer', () => {
  it('counts down from when it was started, and stops at zero', () => {
    const running = startTimer(fiveMinutes, 1_000)
    expect(timerRemainingMs(running, 1_000)).toBe(300_000)
    expect(timerRemainingMs(running, 61_000)).toBe(240_000)
    expect(timerRemainingMs(running, 999_000)).toBe(0)
  })

  it('never shows more than was left when the start time is slightly in the future', () => {
    expect(timerRemainingMs(startTimer(fiveMinutes, 10_000), 9_000)).toBe(300_000)
  })

  it('keeps the remaining time while paused and resumes from it', () => {
    const paused = pauseTimer(startTimer(fiveMinutes, 0), 100_000)
    expect(paused).toEqual({ durationMs: 300_000, remainingMs: 200_000, startedAt: null })
    expect(timerRemainingMs(paused, 500_000)).toBe(200_000)
    const resumed = startTimer(paused, 500_000)
    expect(timerRemainingMs(resumed, 550_000)).toBe(150_000)
  })

  it('ignores start while running and pause while paused', () => {
    const running = startTimer(fiveMinutes, 10)
    expect(startTimer(running, 99)).toBe(running)
    expect(pauseTimer(fiveMinutes, 99)).toBe(fiveMinutes)
  })

  it('resets to the full or a new duration', () => {
    const used = pauseTimer(startTimer(fiveMinutes, 0), 60_000)
    expect(resetTimer(used)).toEqual(fiveMinutes)
    expect(resetTimer(used, 120_000)).toEqual({
      durationMs: 120_000,
      remainingMs: 120_000,
      startedAt: null,
    })
  })

  it.each([
    [null],
    ['5 minutes'],
    [{ durationMs: -1, remainingMs: 0 }],
    [{ durationMs: 1000 }],
    [{ durationMs: Number.POSITIVE_INFINITY, remainingMs: 1 }],
  ])('reads %j as no timer', (value) => {
    expect(readTimer(value)).toBeNull()
  })

  it('reads a stored timer, dropping a malformed start time', () => {
    expect(readTimer({ durationMs: 10, remainingMs: 5, startedAt: 'x' })).toEqual({
      durationMs: 10,
      remainingMs: 5,
      startedAt: null,
    })
  })
})
