import { type Awaitable, isPromise } from './awaitable.ts'

/**
 * The value of a call that must have answered in the calling tick (an embedded store): for tests
 * that check the synchronous path, where a promise would be a regression, not a detail.
 */
export function answeredNow<T>(value: Awaitable<T>): T {
  if (isPromise(value)) throw new Error('expected an answer in the calling tick, got a promise')
  return value
}
