/**
 * What the relay needs from a pub/sub service (ADR 0014): Redis in production
 * (redis-transport.ts), a seeded simulation in the multi-node tests (simulated-bus.ts). Like
 * Redis pub/sub, a transport may lose, delay or reorder messages between publishers; the relay
 * hub never depends on it for anything stored.
 */
export interface RelayTransport {
  /** Sends to every subscriber of the channel; rejects when the service does not take it. */
  publish(channel: string, message: Uint8Array): Promise<void>
  /** Starts receiving a channel's messages; resolves once the service confirmed it. */
  subscribe(channel: string): Promise<void>
  unsubscribe(channel: string): Promise<void>
  /** Where received messages go (set once, before any subscription). */
  onMessage(handler: (channel: string, message: Uint8Array) => void): void
  /** Called after the connection came back: messages may have been lost meanwhile. */
  onReconnect(handler: () => void): void
  /** Whether the connection is up now (a subscription made now is confirmed at once). */
  readonly connected: boolean
  /** Takes `key` for `ms` unless someone holds it; true when taken. */
  acquire(key: string, token: string, ms: number): Promise<boolean>
  /** Gives `key` back if `token` still holds it. */
  release(key: string, token: string): Promise<void>
  /** Resolves when the service answers (readiness). */
  ping(): Promise<void>
  close(): Promise<void>
}
