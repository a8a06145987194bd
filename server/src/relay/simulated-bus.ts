import type { RelayTransport } from './relay-transport.ts'

/**
 * Pub/sub between nodes in one process, for the seeded multi-node tests: it loses and delays
 * messages (and so reorders those of different publishers) the way Redis pub/sub may, and can
 * cut a node off and bring it back. Every choice comes from the seeded `random`, so a failing
 * run replays exactly.
 */
export interface SimulatedBusOptions {
  random: () => number
  /** Share of messages lost on the way to each subscriber (0–1). */
  dropRate: number
  /** Longest delivery delay in ms (each message to each subscriber draws its own). */
  maxDelayMs: number
}

export class SimulatedBus {
  private readonly nodes = new Set<SimulatedTransport>()
  private readonly leases = new Map<string, { token: string; until: number }>()
  readonly options: SimulatedBusOptions

  constructor(options: SimulatedBusOptions) {
    this.options = options
  }

  /** A new node's connection to the bus. */
  connect(): SimulatedTransport {
    const node = new SimulatedTransport(this)
    this.nodes.add(node)
    return node
  }

  /** @internal */
  deliver(from: SimulatedTransport, channel: string, message: Uint8Array): void {
    for (const node of this.nodes) {
      if (!node.isSubscribed(channel)) continue
      if (node !== from && this.options.random() < this.options.dropRate) continue
      const delay = Math.floor(this.options.random() * this.options.maxDelayMs)
      setTimeout(() => node.receive(channel, message), delay)
    }
  }

  /** @internal */
  acquire(key: string, token: string, ms: number): boolean {
    const held = this.leases.get(key)
    if (held && held.until > Date.now()) return false
    this.leases.set(key, { token, until: Date.now() + ms })
    return true
  }

  /** @internal */
  release(key: string, token: string): void {
    if (this.leases.get(key)?.token === token) this.leases.delete(key)
  }

  /** @internal */
  remove(node: SimulatedTransport): void {
    this.nodes.delete(node)
  }
}

export class SimulatedTransport implements RelayTransport {
  private readonly bus: SimulatedBus
  private readonly channels = new Set<string>()
  private handler: (channel: string, message: Uint8Array) => void = () => {}
  private reconnected: () => void = () => {}
  private up = true

  constructor(bus: SimulatedBus) {
    this.bus = bus
  }

  get connected(): boolean {
    return this.up
  }

  /** Cuts the node off the bus (publishes fail, nothing arrives) or brings it back. */
  setConnected(up: boolean): void {
    if (up === this.up) return
    this.up = up
    if (up) this.reconnected()
  }

  isSubscribed(channel: string): boolean {
    return this.up && this.channels.has(channel)
  }

  receive(channel: string, message: Uint8Array): void {
    if (this.isSubscribed(channel)) this.handler(channel, message)
  }

  async publish(channel: string, message: Uint8Array): Promise<void> {
    if (!this.up) throw new Error('not connected')
    this.bus.deliver(this, channel, message)
  }

  async subscribe(channel: string): Promise<void> {
    // Like ioredis: remembered while down, in effect once connected.
    this.channels.add(channel)
  }

  async unsubscribe(channel: string): Promise<void> {
    this.channels.delete(channel)
  }

  onMessage(handler: (channel: string, message: Uint8Array) => void): void {
    this.handler = handler
  }

  onReconnect(handler: () => void): void {
    this.reconnected = handler
  }

  async acquire(key: string, token: string, ms: number): Promise<boolean> {
    if (!this.up) throw new Error('not connected')
    return this.bus.acquire(key, token, ms)
  }

  async release(key: string, token: string): Promise<void> {
    this.bus.release(key, token)
  }

  async ping(): Promise<void> {
    if (!this.up) throw new Error('not connected')
  }

  async close(): Promise<void> {
    this.bus.remove(this)
  }
}
