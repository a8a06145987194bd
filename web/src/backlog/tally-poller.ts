import type { Tally } from '@stormline/shared/api/types'
import { type Atom, atom, type Signal } from 'tldraw'

/**
 * The facilitator's live counts of what is still secret (open dots, hidden ballots, drafts,
 * people without a sticky), polled from `GET /api/boards/:id/tally` (ADR 0013). Polls only while
 * something on the page asks for them: several panels share one poll, and a page with nothing
 * open (or a participant's page) asks the server for nothing.
 */
export interface TallyPoller {
  /** The latest counts, or null before the first answer (or after a refusal). */
  readonly tally: Signal<Tally | null>
  /** Asks for live counts until the returned function is called. */
  demand(): () => void
  dispose(): void
}

export interface TallyPollerOptions {
  fetchTally(): Promise<Tally>
  intervalMs?: number
  /** Answers that mean "not for you" (the role was taken away): counts are dropped. */
  isRefusal?(error: unknown): boolean
  setTimer?(run: () => void, ms: number): unknown
  clearTimer?(timer: unknown): void
}

export const tallyIntervalMs = 2000

export function createTallyPoller({
  fetchTally,
  intervalMs = tallyIntervalMs,
  isRefusal = () => false,
  setTimer = (run, ms) => setTimeout(run, ms),
  clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}: TallyPollerOptions): TallyPoller {
  const tally: Atom<Tally | null> = atom('tally', null)
  let demands = 0
  let timer: unknown = null
  let inFlight = false
  let disposed = false

  const schedule = (ms: number): void => {
    if (timer !== null || disposed || demands === 0) return
    timer = setTimer(() => {
      timer = null
      void poll()
    }, ms)
  }

  // One request at a time; the next one is scheduled when the answer is in, so a slow server
  // is never asked faster than it answers.
  const poll = async (): Promise<void> => {
    if (inFlight || disposed || demands === 0) return
    inFlight = true
    try {
      const next = await fetchTally()
      if (!disposed && demands > 0) tally.set(next)
    } catch (error) {
      if (!disposed && isRefusal(error)) tally.set(null)
    } finally {
      inFlight = false
      schedule(intervalMs)
    }
  }

  return {
    tally,
    demand() {
      let released = false
      demands++
      if (demands === 1) {
        // Fresh counts at once when something opens, not after a whole interval.
        if (timer !== null) clearTimer(timer)
        timer = null
        void poll()
      }
      return () => {
        if (released) return
        released = true
        demands--
        if (demands === 0 && timer !== null) {
          clearTimer(timer)
          timer = null
        }
      }
    },
    dispose() {
      disposed = true
      if (timer !== null) clearTimer(timer)
      timer = null
    },
  }
}
