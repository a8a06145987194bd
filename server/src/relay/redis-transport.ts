import { Redis } from 'ioredis'
import type { Logger } from '../logging/logger.ts'
import type { RelayTransport } from './relay-transport.ts'

/** Deletes the key only if it still holds the caller's token (another node may hold it now). */
const releaseScript =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end'

/**
 * The relay's pub/sub on Redis (ioredis): one connection publishes and holds leases, one
 * subscribes. Both reconnect for ever; ioredis subscribes again to every channel after a
 * reconnect, and the hub then catches up from the store.
 */
export class RedisTransport implements RelayTransport {
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private closed = false
  private everReady = false
  private reconnected: () => void = () => {}

  constructor(url: string, logger: Logger) {
    const common = {
      // Reconnect for ever, backing off to 2 s: Redis coming back must bring the node back.
      retryStrategy: (times: number) => Math.min(100 * times, 2_000),
      maxRetriesPerRequest: 1,
    }
    // Commands fail at once while Redis is down instead of queueing: a publish nobody hears is
    // caught up from the store, and a lease not granted only postpones a compaction.
    this.publisher = new Redis(url, { ...common, enableOfflineQueue: false })
    this.subscriber = new Redis(url, common)
    for (const [name, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      connection.on('error', (error: unknown) => {
        if (!this.closed) logger.warn('relay.redis_error', { connection: name, error })
      })
    }
    this.subscriber.on('ready', () => {
      if (this.everReady) this.reconnected()
      this.everReady = true
    })
  }

  get connected(): boolean {
    return this.subscriber.status === 'ready'
  }

  async publish(channel: string, message: Uint8Array): Promise<void> {
    await this.publisher.publish(channel, Buffer.from(message))
  }

  async subscribe(channel: string): Promise<void> {
    await this.subscriber.subscribe(channel)
  }

  async unsubscribe(channel: string): Promise<void> {
    await this.subscriber.unsubscribe(channel)
  }

  onMessage(handler: (channel: string, message: Uint8Array) => void): void {
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      handler(
        channel.toString('utf8'),
        new Uint8Array(message.buffer, message.byteOffset, message.length),
      ),
    )
  }

  onReconnect(handler: () => void): void {
    this.reconnected = handler
  }

  async acquire(key: string, token: string, ms: number): Promise<boolean> {
    return (await this.publisher.set(key, token, 'PX', ms, 'NX')) === 'OK'
  }

  async release(key: string, token: string): Promise<void> {
    await this.publisher.eval(releaseScript, 1, key, token)
  }

  async ping(): Promise<void> {
    await this.publisher.ping()
  }

  async close(): Promise<void> {
    this.closed = true
    // QUIT after what was published (the last presence removals of a node stopping) is sent.
    await this.publisher.quit().catch(() => this.publisher.disconnect())
    this.subscriber.disconnect()
  }
}
