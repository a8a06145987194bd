import { isIPv4, isIPv6 } from 'node:net'
import { createTokenBucket, type TokenBucket } from '../rooms/rate-limit.ts'

/**
 * How many boards one client may create (POST /api/boards and /api/boards/import): a token bucket
 * per client, `burst` creations at once and `perMinute` more each minute. Creating a board is the
 * one thing anybody may do without a link, and each board costs storage, so a script must not be
 * able to create them without bound. Kept in memory per node: behind a load balancer with N
 * nodes a client gets up to N times the budget, which still bounds it.
 */
export interface CreationLimitOptions {
  perMinute: number
  burst: number
  /** Clients remembered at most; the one seen longest ago is forgotten first (default 10,000). */
  maxClients?: number
  /** Milliseconds clock (default Date.now); tests drive it by hand. */
  now?: () => number
}

export type CreationVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

interface ClientBucket {
  bucket: TokenBucket
  seenAt: number
}

export class CreationLimiter {
  private readonly options: Required<CreationLimitOptions>
  /** In the order clients were last seen, oldest first. */
  private readonly clients = new Map<string, ClientBucket>()
  /** A bucket untouched this long is full again: forgetting it changes nothing. */
  private readonly refillMs: number

  constructor(options: CreationLimitOptions) {
    if (!(options.perMinute > 0) || !(options.burst >= 1)) {
      throw new Error('CreationLimiter: perMinute must be positive and burst at least 1')
    }
    this.options = { maxClients: 10_000, now: Date.now, ...options }
    this.refillMs = Math.ceil((options.burst / options.perMinute) * 60_000)
  }

  /** Counts one creation by `client` if its budget allows one now. */
  take(client: string): CreationVerdict {
    const now = this.options.now()
    const known = this.clients.get(client)
    // Taken out and put back last, so the map stays ordered by last sight (and the cleanup below
    // never drops the client being served).
    this.clients.delete(client)
    this.forgetIdle(now)
    const entry = known ?? {
      bucket: createTokenBucket(
        { perSecond: this.options.perMinute / 60, burst: this.options.burst },
        this.options.now,
      ),
      seenAt: now,
    }
    entry.seenAt = now
    this.clients.set(client, entry)
    if (entry.bucket.take()) return { allowed: true }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(entry.bucket.msUntilToken() / 1000)),
    }
  }

  /** Clients remembered now (for tests and metrics). */
  get size(): number {
    return this.clients.size
  }

  private forgetIdle(now: number): void {
    for (const [client, entry] of this.clients) {
      const full = now - entry.seenAt >= this.refillMs
      // Room for the client about to be added, so the map never passes maxClients.
      if (!full && this.clients.size < this.options.maxClients) break
      this.clients.delete(client)
    }
  }
}

/**
 * The budget key for a client address: an IPv4-mapped IPv6 address counts as its IPv4 address,
 * and an IPv6 address as its /64 (one host or household usually gets a whole /64, so counting
 * single addresses would let it create boards from 2^64 of them). Anything else (no address,
 * e.g. an in-process request) is kept as given.
 */
export function clientKey(address: string): string {
  const bare = address.replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1]
  if (mapped && isIPv4(mapped)) return mapped
  if (!isIPv6(bare)) return address
  return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of a valid IPv6 address, in hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::')
  const toGroups = (part: string): string[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [group]
          // An embedded IPv4 tail (e.g. 64:ff9b::192.0.2.1) holds the last two groups.
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number)
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
        })
  const first = toGroups(head)
  const last = tail === undefined ? [] : toGroups(tail)
  const zeros = Array<string>(8 - first.length - last.length).fill('0')
  return [...first, ...zeros, ...last].map((group) => Number.parseInt(group, 16).toString(16))
}
