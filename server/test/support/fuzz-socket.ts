import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

/**
 * One raw socket of the fuzzer. After each frame it sends a probe — an
 * awareness update carrying its own client id and a fresh clock — and waits
 * for the server to relay that probe back (then the frame was accepted) or to
 * close the socket (then the frame was refused, with that close code). The
 * server handles a socket's messages in order, so the answer belongs to the
 * frame just sent, with no guessing by timeouts.
 */

export type Outcome = { accepted: true } | { accepted: false; code: number }

const awarenessMessage = 1
const queryAwarenessMessage = 3

export class FuzzSocket {
  private readonly socket: WebSocket
  /** Awareness client id this socket's probes use; unique per socket. */
  private readonly probeClientId: number
  private clock = 0
  private closeCode: number | null = null
  private waiting: ((outcome: Outcome) => void) | null = null

  private constructor(socket: WebSocket, probeClientId: number) {
    this.socket = socket
    this.probeClientId = probeClientId
    socket.on('message', (data: Buffer) => {
      if (this.waiting && isProbeEcho(data, this.probeClientId, this.clock))
        this.settle({ accepted: true })
    })
    socket.on('close', (code: number) => {
      this.closeCode = code
      this.settle({ accepted: false, code })
    })
    // Resets while the server closes are expected; the close event carries the outcome.
    socket.on('error', () => {})
  }

  static open(url: string, probeClientId: number): Promise<FuzzSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url)
      socket.once('open', () => resolve(new FuzzSocket(socket, probeClientId)))
      socket.once('error', (error) => reject(error))
    })
  }

  get isOpen(): boolean {
    return this.closeCode === null
  }

  /** Sends one frame and reports what the server did with it. */
  sendFrame(data: Uint8Array | string, binary: boolean, timeoutMs = 10_000): Promise<Outcome> {
    this.socket.send(data, { binary })
    return this.probe(timeoutMs)
  }

  /**
   * Sends many harmless messages at once (awareness queries) to go past the rate limit; the server
   * queues them and answers the probe after working through them (BAD-2). `padding` bytes after
   * each query make the queue grow faster.
   */
  flood(messages: number, timeoutMs = 10_000, padding = 0): Promise<Outcome> {
    // The server reads the message type and ignores what follows a query.
    const query = new Uint8Array(1 + padding)
    query[0] = queryAwarenessMessage
    for (let i = 0; i < messages; i++) this.socket.send(query)
    return this.probe(timeoutMs)
  }

  close(): void {
    this.socket.close()
  }

  private probe(timeoutMs: number): Promise<Outcome> {
    if (this.closeCode !== null) return Promise.resolve({ accepted: false, code: this.closeCode })
    this.clock++
    const result = new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null
        reject(new Error('the server neither answered the probe nor closed the socket'))
      }, timeoutMs)
      this.waiting = (outcome) => {
        clearTimeout(timer)
        resolve(outcome)
      }
    })
    this.socket.send(encodeProbe(this.probeClientId, this.clock))
    return result
  }

  private settle(outcome: Outcome): void {
    const waiting = this.waiting
    this.waiting = null
    waiting?.(outcome)
  }
}

function encodeProbe(clientId: number, clock: number): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify({ probe: clock }))
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, awarenessMessage)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}

/** Whether a server message is the awareness relay of this socket's probe with this clock. */
function isProbeEcho(data: Buffer, clientId: number, clock: number): boolean {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== awarenessMessage) return false
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const entries = decoding.readVarUint(update)
    for (let i = 0; i < entries; i++) {
      const id = decoding.readVarUint(update)
      const entryClock = decoding.readVarUint(update)
      decoding.readVarString(update)
      if (id === clientId && entryClock === clock) return true
    }
  } catch {
    // The server only sends well-formed messages; anything else is not our echo.
  }
  return false
}
