import { readStoredAck } from '@stormline/shared/sync/access-messages'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { Logger } from '../logging/logger.ts'
import { MessageType } from './protocol.ts'
import { Peer } from './test-peer.ts'

/**
 * In-memory peers and a logger for the flow-control (BAD-2) and acknowledgement (ACK-1) tests.
 */

/** A peer whose socket can be paused, recording each pause and resume. */
export class PausablePeer extends Peer {
  readonly flow: ('pause' | 'resume')[] = []

  pause(): void {
    this.flow.push('pause')
  }

  resume(): void {
    this.flow.push('resume')
  }
}

/**
 * State vectors each watching peer received; kept outside the instance because the server's first
 * step 1 arrives while Peer's constructor runs, before subclass fields exist.
 */
const received = new WeakMap<AckWatchingPeer, Map<number, number>[]>()

/** A peer that records the state vector of every sync step 1 the server sends it. */
export class AckWatchingPeer extends Peer {
  get acks(): Map<number, number>[] {
    let acks = received.get(this)
    if (!acks) {
      acks = []
      received.set(this, acks)
    }
    return acks
  }

  override send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) === MessageType.auth) {
      const stored = readStoredAck(decoder)
      if (stored) this.acks.push(Y.decodeStateVector(stored))
    }
    super.send(message)
  }

  /** Whether the last acknowledgement covers everything this peer's document holds of its own. */
  get lastAckCoversOwnEdits(): boolean {
    const last = this.acks.at(-1)
    const own = Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(this.doc.clientID) ?? 0
    return (last?.get(this.doc.clientID) ?? 0) >= own
  }
}

/** A logger that keeps what it was told, to assert on events. */
export function recordingLogger(): Logger & { events(name: string): Record<string, unknown>[] } {
  const lines: { event: string; fields: Record<string, unknown> }[] = []
  const keep = (event: string, fields: Record<string, unknown> = {}): void => {
    lines.push({ event, fields })
  }
  return {
    info: keep,
    warn: keep,
    error: keep,
    events: (name) => lines.filter((line) => line.event === name).map((line) => line.fields),
  }
}
