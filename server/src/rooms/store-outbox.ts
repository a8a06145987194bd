import { type Awaitable, isPromise } from '../boards/awaitable.ts'

/**
 * Keeps the durability rule (ADR 0003) when the store answers later (ADR 0014): what a room
 * applied is written in order, and whatever must follow a write (relaying it, answering a
 * sync step 1 from a document that holds it) runs only once the write has been stored.
 *
 * With a store that answers in the calling tick (memory, SQLite) every write and action runs at
 * once, exactly as before. With one that answers later (PostgreSQL), entries pushed while a write
 * is in flight wait and are then written together in one call (group commit: one round trip for
 * a burst of edits, in their order).
 */
export interface StoreOutboxOptions<E, R> {
  /** Stores a batch of entries (one or more, in order) in one write. */
  write: (batch: readonly E[]) => Awaitable<R>
  /** The batch is stored: relay it, acknowledge it. */
  stored: (result: R, batch: readonly E[], seconds: number) => void
  /** A write failed: nothing after it runs (the owner closes its peers and is dropped). */
  failed: (error: unknown) => void
}

type Step<E> = { kind: 'entry'; entry: E } | { kind: 'action'; run: () => void }

export class StoreOutbox<E, R> {
  private readonly queue: Step<E>[] = []
  private writing = false
  /** A write is waiting on a store that answers later. */
  private inFlight = false
  private broken = false
  /** Waiting for everything pushed so far to be stored (settled). */
  private waiters: (() => void)[] = []
  private readonly options: StoreOutboxOptions<E, R>

  constructor(options: StoreOutboxOptions<E, R>) {
    this.options = options
  }

  /** True when nothing is being written or waiting. */
  get idle(): boolean {
    return !this.writing && this.queue.length === 0
  }

  /** True while some entry is not stored yet (queued, or its write in flight). */
  get unstored(): boolean {
    return this.inFlight || this.queue.some((step) => step.kind === 'entry')
  }

  /** Resolves once nothing waits any more (at once, synchronously, when nothing does). */
  settled(): Promise<void> | undefined {
    if (this.idle || this.broken) return undefined
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Writes the entry now if nothing is ahead of it, otherwise after what is. */
  push(entry: E): void {
    if (this.broken) return
    this.queue.push({ kind: 'entry', entry })
    if (!this.writing) this.drain()
  }

  /** Runs `action` once everything pushed before it is stored (at once when that is already so). */
  after(action: () => void): void {
    if (this.broken) return
    if (this.idle) {
      action()
      return
    }
    this.queue.push({ kind: 'action', run: action })
  }

  /** Drops what waits (the owner is closing); nothing queued runs any more. */
  dispose(): void {
    this.broken = true
    this.queue.length = 0
    this.wake()
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }

  private drain(): void {
    this.writing = true
    while (this.queue.length > 0 && !this.broken) {
      const head = this.queue[0] as Step<E>
      if (head.kind === 'action') {
        this.queue.shift()
        head.run()
        continue
      }
      const batch: E[] = []
      while (this.queue[0]?.kind === 'entry') batch.push((this.queue.shift() as { entry: E }).entry)
      const started = performance.now()
      let result: Awaitable<R>
      try {
        result = this.options.write(batch)
      } catch (error) {
        this.fail(error)
        return
      }
      if (isPromise(result)) {
        this.inFlight = true
        result.then(
          (value) => {
            this.inFlight = false
            if (this.broken) return
            this.options.stored(value, batch, (performance.now() - started) / 1000)
            this.drain()
          },
          (error: unknown) => {
            this.inFlight = false
            this.fail(error)
          },
        )
        return
      }
      this.options.stored(result, batch, (performance.now() - started) / 1000)
    }
    this.writing = false
    this.wake()
  }

  private fail(error: unknown): void {
    if (this.broken) return
    this.dispose()
    this.writing = false
    this.options.failed(error)
  }
}
