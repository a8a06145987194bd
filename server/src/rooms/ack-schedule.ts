import type { Timers } from './timers.ts'

/**
 * When to tell a socket what the server has stored (ACK-1). After the room has stored updates
 * that came from a socket, the server sends that socket the room's state vector in a "stored"
 * auth message (shared/src/sync/access-messages.ts): every update the socket sent that the
 * vector covers is on disk, so a client can count what is still unsaved. A stock client ignores
 * the message and answers nothing.
 *
 * Throttled per socket: the first acknowledgement goes out on the next turn of the event loop
 * (so a burst handled in one turn gets one), then at most one per `intervalMs`, always with a
 * trailing one, so the last stored update is acknowledged. The vector is read when the message
 * is sent, never when it is scheduled, so it covers everything stored by then.
 */
export const defaultAckIntervalMs = 200

export interface AckScheduleOptions {
  intervalMs: number
  timers: Timers
  /** Sends the acknowledgement (the room's state vector as it is now). */
  send(): void
}

export interface AckSchedule {
  /** An update from this socket was stored. */
  stored(): void
  /** The socket left or its room closed: cancel what is scheduled. Idempotent. */
  dispose(): void
}

export function createAckSchedule(options: AckScheduleOptions): AckSchedule {
  const { timers, intervalMs } = options
  let lastSentAt = Number.NEGATIVE_INFINITY
  let timer: unknown = null
  let disposed = false

  const fire = (): void => {
    timer = null
    if (disposed) return
    lastSentAt = timers.now()
    options.send()
  }

  return {
    stored() {
      // A scheduled acknowledgement reads the vector when it fires, so it covers this one too.
      if (disposed || timer !== null) return
      timer = timers.setTimeout(fire, Math.max(0, lastSentAt + intervalMs - timers.now()))
    },
    dispose() {
      disposed = true
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
    },
  }
}
