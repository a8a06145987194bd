import type { Timers } from './timers.ts'

/** Timers on a clock that only moves when a test says so; for the schedulers' unit tests. */
export class ManualTimers implements Timers {
  private time = 0
  private nextId = 1
  private readonly pending = new Map<number, { at: number; run: () => void }>()

  now(): number {
    return this.time
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++
    this.pending.set(id, { at: this.time + Math.max(0, ms), run })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }

  /** Timers not yet run. */
  get scheduled(): number {
    return this.pending.size
  }

  /** Moves the clock forward, running each timer that falls due, in time order, at its time. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let next: [number, { at: number; run: () => void }] | undefined
      for (const entry of this.pending) {
        if (entry[1].at <= end && (next === undefined || entry[1].at < next[1].at)) next = entry
      }
      if (!next) break
      this.pending.delete(next[0])
      this.time = Math.max(this.time, next[1].at)
      next[1].run()
    }
    this.time = end
  }
}
