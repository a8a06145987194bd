/**
 * Derived texts (backlog files, models, suggestions) by what they are of and the board version
 * they were computed from. A slot names the read (board, kind and every parameter that changes
 * the text); it holds the text of one version, the newest computed: an older version of the same
 * read is never asked for again on purpose, so it only takes room.
 *
 * Least recently used slots go first once there are more than `maxEntries` or their texts take
 * more than `maxBytes`. Identical reads in flight share one computation (single flight).
 */

export interface DerivedCacheOptions {
  maxEntries: number
  /** Counted as UTF-16 (2 bytes a character: an upper bound of what V8 holds). */
  maxBytes: number
  /** Told of every lookup; joining a computation in flight counts as a hit (nothing more is computed). */
  onLookup?: (result: 'hit' | 'miss') => void
}

interface Entry {
  version: string
  text: string
  bytes: number
}

export class DerivedCache {
  private readonly options: DerivedCacheOptions
  /** In least recently used order (a Map iterates in insertion order; a hit re-inserts). */
  private readonly entries = new Map<string, Entry>()
  private readonly inFlight = new Map<string, Promise<string>>()
  private totalBytes = 0

  constructor(options: DerivedCacheOptions) {
    this.options = options
  }

  /**
   * The text of `slot` at `version`: cached, shared with an identical computation in flight, or
   * computed now. A failed computation is not cached; everyone waiting on it gets its error.
   */
  get(slot: string, version: string, compute: () => Promise<string>): Promise<string> {
    const entry = this.entries.get(slot)
    if (entry && entry.version === version) {
      this.entries.delete(slot)
      this.entries.set(slot, entry)
      this.options.onLookup?.('hit')
      return Promise.resolve(entry.text)
    }
    const flightKey = JSON.stringify([slot, version])
    const flying = this.inFlight.get(flightKey)
    if (flying) {
      this.options.onLookup?.('hit')
      return flying
    }
    this.options.onLookup?.('miss')
    // Started a microtask later, so even a compute that throws at once finds itself in flight
    // and is taken out again.
    const computed = Promise.resolve()
      .then(compute)
      .then((text) => {
        this.store(slot, { version, text, bytes: text.length * 2 })
        return text
      })
      .finally(() => this.inFlight.delete(flightKey))
    this.inFlight.set(flightKey, computed)
    return computed
  }

  /** Slots held now. */
  get size(): number {
    return this.entries.size
  }

  /** Bytes their texts take (as counted for maxBytes). */
  get bytes(): number {
    return this.totalBytes
  }

  private store(slot: string, entry: Entry): void {
    this.remove(slot)
    // A text larger than the whole cache would only push everything else out.
    if (entry.bytes > this.options.maxBytes) return
    this.entries.set(slot, entry)
    this.totalBytes += entry.bytes
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries && this.totalBytes <= this.options.maxBytes)
        break
      this.remove(oldest)
    }
  }

  private remove(slot: string): void {
    const entry = this.entries.get(slot)
    if (!entry) return
    this.entries.delete(slot)
    this.totalBytes -= entry.bytes
  }
}
