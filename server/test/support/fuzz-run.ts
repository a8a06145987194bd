import {
  expectedOutcome,
  type FrameFactory,
  type FrameKind,
  type FuzzFrame,
} from './fuzz-frames.ts'
import { FuzzSocket, type Outcome } from './fuzz-socket.ts'

/**
 * Sends a fuzz campaign over several raw sockets in parallel, opening a new
 * socket whenever the server closes one, and tallies what happened to each frame.
 */

export interface FuzzRunOptions {
  /** Sync URL of the board under attack (with its token, if any). */
  url: string
  factory: FrameFactory
  frames: number
  /** Sockets attacking at the same time. */
  parallel: number
  /** Rate-limit floods, each on its own socket, all at once. */
  floods: number
  floodSize: number
  /** How long a flood's probe may wait for the server to work through the queue. */
  floodTimeoutMs?: number
}

export interface Violation {
  index: number
  kind: FrameKind
  outcome: Outcome
}

export interface FuzzReport {
  /** Fuzz frames sent (each answered by an acceptance or a close). */
  framesSent: number
  /** Extra frames sent by the rate-limit floods (queued by the server, BAD-2). */
  floodFramesSent: number
  socketsOpened: number
  /** Per frame kind, how often each outcome happened: a close code, or 'accepted'. */
  outcomes: Record<string, Record<string, number>>
  /** Close codes seen, with counts, over fuzz frames and floods. */
  closeCodes: Record<string, number>
  /** Frames the server answered in a way their kind does not allow. */
  violations: Violation[]
}

/** Awareness ids of probes; far from the random 32-bit ids real clients pick. */
const probeIdBase = 2 ** 40

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzReport> {
  const report: FuzzReport = {
    framesSent: 0,
    floodFramesSent: 0,
    socketsOpened: 0,
    outcomes: {},
    closeCodes: {},
    violations: [],
  }
  const openSocket = (): Promise<FuzzSocket> =>
    FuzzSocket.open(options.url, probeIdBase + report.socketsOpened++)
  const tally = (frame: FuzzFrame, outcome: Outcome): void => {
    const key = outcome.accepted ? 'accepted' : String(outcome.code)
    const byKind = report.outcomes[frame.kind] ?? {}
    byKind[key] = (byKind[key] ?? 0) + 1
    report.outcomes[frame.kind] = byKind
    if (!outcome.accepted) report.closeCodes[key] = (report.closeCodes[key] ?? 0) + 1
    const expected = expectedOutcome[frame.kind]
    const allowed = outcome.accepted
      ? expected.mayBeAccepted
      : expected.codes.includes(outcome.code)
    if (!allowed) report.violations.push({ index: frame.index, kind: frame.kind, outcome })
  }

  let next = 0
  const attacker = async (): Promise<void> => {
    let socket: FuzzSocket | null = null
    for (let index = next++; index < options.frames; index = next++) {
      const frame = options.factory.frame(index)
      if (!socket?.isOpen) socket = await openSocket()
      const outcome = await socket.sendFrame(frame.data, frame.binary).catch((error: Error) => {
        throw new Error(`frame ${index} (${frame.kind}): ${error.message}`)
      })
      report.framesSent++
      tally(frame, outcome)
    }
    socket?.close()
  }
  await Promise.all(Array.from({ length: options.parallel }, attacker))

  const flooder = async (): Promise<void> => {
    const socket = await openSocket()
    const outcome = await socket.flood(options.floodSize, options.floodTimeoutMs)
    report.floodFramesSent += options.floodSize
    const key = outcome.accepted ? 'accepted' : String(outcome.code)
    if (!outcome.accepted) report.closeCodes[key] = (report.closeCodes[key] ?? 0) + 1
    const byKind = report.outcomes.flood ?? {}
    byKind[key] = (byKind[key] ?? 0) + 1
    report.outcomes.flood = byKind
    if (outcome.accepted) socket.close()
  }
  await Promise.all(Array.from({ length: options.floods }, flooder))
  return report
}
