/**
 * Which of a board's stored updates (numbered 1, 2, 3… per board in the store) a node's copy
 * holds (ADR 0014). Updates arrive over the relay in any order (each node publishes its own), so
 * the tracker keeps the watermark — every update up to it is in — and the numbers seen above it.
 * A hole below a seen number that does not fill is a lost message: the node then reads what it
 * lacks from the store.
 */
export class SeqTracker {
  private mark: number
  private readonly above = new Set<number>()

  constructor(storedThrough: number) {
    this.mark = storedThrough
  }

  /** Every update up to this number is in the document. */
  get watermark(): number {
    return this.mark
  }

  /** Some update above the watermark is in while one below it is not (yet). */
  get hasGap(): boolean {
    return this.above.size > 0
  }

  /** Records an update; false if the document already had it (it need not be applied again). */
  add(seq: number): boolean {
    if (seq <= this.mark || this.above.has(seq)) return false
    this.above.add(seq)
    while (this.above.delete(this.mark + 1)) this.mark++
    return true
  }

  /** Everything up to `seq` is in (read from the store). */
  advanceTo(seq: number): void {
    if (seq <= this.mark) return
    this.mark = seq
    for (const seen of this.above) if (seen <= seq) this.above.delete(seen)
    while (this.above.delete(this.mark + 1)) this.mark++
  }
}
