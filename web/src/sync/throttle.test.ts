import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { throttle } from './throttle.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('throttle', () => {
  it('runs the first call at once and coalesces the rest into one trailing call', () => {
    const fn = vi.fn()
    const throttled = throttle(fn, 50)
    throttled()
    expect(fn).toHaveBeenCalledTimes(1)
    throttled()
    throttled()
    throttled()
    expect(fn).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(50)
    expect(fn).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(500)
    expect(fn).toHaveBeenCalledTimes(2)
  })

  it('runs immediately again once a quiet interval has passed', () => {
    const fn = vi.fn()
    const throttled = throttle(fn, 50)
    throttled()
    vi.advanceTimersByTime(120)
    throttled()
    expect(fn).toHaveBeenCalledTimes(2)
  })

  it('drops the trailing call when cancelled', () => {
    const fn = vi.fn()
    const throttled = throttle(fn, 50)
    throttled()
    throttled()
    throttled.cancel()
    vi.advanceTimersByTime(100)
    expect(fn).toHaveBeenCalledTimes(1)
  })
})
