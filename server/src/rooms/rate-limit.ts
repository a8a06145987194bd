import type { Timers } from './timers.ts'

/**
 * Per-connection flow control (BAD-2): a token bucket of `burst` messages refilled at
 * `perSecond`. A message beyond the budget is not dropped (the peer would fall out of sync) and
 * does not cost the peer its connection (a stock y-websocket client sends one message per
 * transaction, so a script that writes 500 keys in a loop is honest): it is queued, the socket is
 * paused so the peer's further frames wait in TCP instead of in our memory, and queued messages
 * are handled in order as tokens come back. Only a queue past `queueBytes` closes the socket
 * (4529, retryable): that happens when pausing does not hold a peer back.
 *
 * A drag sends about 60 updates a second plus awareness, so the defaults never slow an honest
 * browser.
 */
export interface RateLimit {
  perSecond: number
  burst: number
  /** Most bytes a connection may have queued, beyond one message, before it is closed. */
  queueBytes: number
}

export const defaultRateLimit: RateLimit = {
  perSecond: 200,
  burst: 400,
  queueBytes: 8 * 1024 * 1024,
}

export interface TokenBucket {
  /** Takes a token if one is there. */
  take(): boolean
  /** Milliseconds until the next whole token (0 when one is there now). */
  msUntilToken(): number
}

export function createTokenBucket(
  limit: Pick<RateLimit, 'perSecond' | 'burst'>,
  now: () => number = Date.now,
): TokenBucket {
  let tokens = limit.burst
  let last = now()
  const refill = (): void => {
    const t = now()
    tokens = Math.min(limit.burst, tokens + ((t - last) / 1000) * limit.perSecond)
    last = t
  }
  return {
    take() {
      refill()
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
    msUntilToken() {
      refill()
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / limit.perSecond) * 1000)
    },
  }
}

/** One stretch during which a connection had messages waiting. */
export interface ThrottleEpisode {
  /** Messages that waited for a token. */
  queued: number
  /** Most bytes waiting at once. */
  peakBytes: number
  /** From the first queued message to the queue running empty (or the connection ending). */
  ms: number
}

export interface InboundQueueOptions {
  limit: RateLimit
  timers: Timers
  /** Handles one message; called in arrival order. */
  deliver(message: Uint8Array): void
  /** Stop reading from the peer (may be a no-op: the queue bound still holds). */
  pause(): void
  /** Read from the peer again. */
  resume(): void
  /** The queue outgrew `limit.queueBytes`; the queue has been dropped and disposed. */
  overflow(queuedBytes: number): void
  /** The queue ran empty after an episode of throttling. */
  drained?(episode: ThrottleEpisode): void
}

export interface InboundQueue {
  /** A message from the peer: handled now if the budget allows, else queued. */
  push(message: Uint8Array): void
  /** Drops whatever waits and cancels the timer (the connection ended). Idempotent. */
  dispose(): void
  readonly queuedBytes: number
  readonly queuedMessages: number
}

export function createInboundQueue(options: InboundQueueOptions): InboundQueue {
  const { limit, timers } = options
  const bucket = createTokenBucket(limit, () => timers.now())
  const queue: Uint8Array[] = []
  let bytes = 0
  let timer: unknown = null
  let paused = false
  let disposed = false
  let episode: (ThrottleEpisode & { startedAt: number }) | null = null

  const schedule = (): void => {
    if (timer !== null || disposed) return
    timer = timers.setTimeout(drain, Math.max(1, bucket.msUntilToken()))
  }

  const drain = (): void => {
    timer = null
    while (!disposed && queue.length > 0 && bucket.take()) {
      const message = queue.shift() as Uint8Array
      bytes -= message.byteLength
      options.deliver(message)
    }
    if (disposed) return
    if (queue.length > 0) {
      schedule()
      return
    }
    if (paused) {
      paused = false
      options.resume()
    }
    if (episode) {
      const { startedAt, ...done } = episode
      episode = null
      options.drained?.({ ...done, ms: timers.now() - startedAt })
    }
  }

  const dispose = (): void => {
    if (disposed) return
    disposed = true
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    queue.length = 0
    bytes = 0
  }

  return {
    push(message) {
      if (disposed) return
      // Only an empty queue lets a message overtake: order is the protocol's.
      if (queue.length === 0 && bucket.take()) {
        options.deliver(message)
        return
      }
      queue.push(message)
      bytes += message.byteLength
      episode ??= { queued: 0, peakBytes: 0, ms: 0, startedAt: timers.now() }
      episode.queued++
      episode.peakBytes = Math.max(episode.peakBytes, bytes)
      // One message alone never overflows: the frame size limit already bounds it.
      if (bytes > limit.queueBytes && queue.length > 1) {
        const queued = bytes
        dispose()
        options.overflow(queued)
        return
      }
      if (!paused) {
        paused = true
        options.pause()
      }
      schedule()
    },
    dispose,
    get queuedBytes() {
      return bytes
    },
    get queuedMessages() {
      return queue.length
    },
  }
}
