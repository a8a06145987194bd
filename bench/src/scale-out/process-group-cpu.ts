import { readdirSync, readFileSync } from 'node:fs'
import { cpuTimeMs } from '../process-stats.ts'

/** CPU of a process that may have exited since (its last reading is then all there is). */
function cpuIfAlive(pid: number): number | undefined {
  try {
    return cpuTimeMs(pid)
  } catch {
    return undefined
  }
}

/**
 * Processes whose command line matches `pattern`, read from /proc (e.g. the PostgreSQL backends
 * of one database: PostgreSQL names each backend "postgres: … user database host(port) state").
 */
export function processesMatching(pattern: RegExp): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ')
      if (pattern.test(cmdline)) pids.push(Number(entry))
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids
}

/**
 * CPU used over a window by a set of processes that changes during it: connection pools open and
 * close backends. Sampled every `everyMs`; a process seen first after the start counts whole (it
 * was born in the window), one that exits counts up to its last sample (a lower bound).
 */
export class ProcessGroupCpu {
  private readonly find: () => number[]
  private readonly everyMs: number
  private readonly first = new Map<number, number>()
  private readonly last = new Map<number, number>()
  private timer: NodeJS.Timeout | undefined

  constructor(find: () => number[], everyMs = 500) {
    this.find = find
    this.everyMs = everyMs
  }

  start(): void {
    this.first.clear()
    this.last.clear()
    for (const pid of this.find()) {
      const cpu = cpuIfAlive(pid)
      if (cpu === undefined) continue
      this.first.set(pid, cpu)
      this.last.set(pid, cpu)
    }
    this.timer = setInterval(() => this.sample(), this.everyMs)
  }

  /** CPU ms of the group since start(), and how many processes took part. */
  stop(): { cpuMs: number; processes: number } {
    clearInterval(this.timer)
    this.sample()
    let cpuMs = 0
    for (const [pid, cpu] of this.last) cpuMs += cpu - (this.first.get(pid) ?? 0)
    return { cpuMs, processes: this.last.size }
  }

  private sample(): void {
    for (const pid of this.find()) {
      const cpu = cpuIfAlive(pid)
      if (cpu !== undefined) this.last.set(pid, cpu)
    }
  }
}
