import { bytes, ms, num, ratio, type Target, table } from '../markdown.ts'
import type { ColdLoadFromStore } from './cold-load.ts'
import type { ScaleOutFanoutResult } from './scale-out-fanout.ts'
import type { ScaleOutResults } from './scale-out-results.ts'
import { goalClients } from './scale-out-section.ts'

/** Section 5 of the report: scale-out fan-out, CPU per node, cold load, and the issue's goals. */

/** The client count of the two-nodes-against-one goal (issue #15: "at 200 clients"). */
const pairGoalClients = 200

const setupName: Record<ScaleOutFanoutResult['backend'], string> = {
  'postgres+redis': 'PostgreSQL + Redis',
  sqlite: 'SQLite (embedded)',
  'y-websocket': 'y-websocket server (memory)',
}

function find(
  s: ScaleOutResults | undefined,
  backend: ScaleOutFanoutResult['backend'],
  nodes: number,
  clients: number,
): ScaleOutFanoutResult | undefined {
  return s?.fanout.find((f) => f.backend === backend && f.nodes === nodes && f.clients === clients)
}

/** Everything the cluster spent: its nodes, Redis and the PostgreSQL backends. */
const clusterCpuMs = (f: ScaleOutFanoutResult): number =>
  f.nodeCpuMs.reduce((t, c) => t + c, 0) + (f.redisCpuMs ?? 0) + (f.postgresCpuMs ?? 0)

/** Issue #15's three goals, read off the section (met null: not measured in this run). */
export function scaleOutTargets(s: ScaleOutResults | undefined): Target[] {
  const one = find(s, 'postgres+redis', 1, pairGoalClients)
  const two = find(s, 'postgres+redis', 2, pairGoalClients)
  const sqlite = find(s, 'sqlite', 1, goalClients)
  const single = find(s, 'postgres+redis', 1, goalClients)
  const baseline = s?.baseline
  const reference = s?.yWebsocket
  return [
    {
      name: `Scale-out: fan-out p99 at ${pairGoalClients} clients, 2 nodes ≤ ½ × 1 node`,
      target: one ? `≤ 0.50× (≤ ${ms(one.latencyMs.p99 / 2)} ms)` : '≤ 0.50× of 1 node',
      figure:
        one && two
          ? `${ms(two.latencyMs.p99)} ÷ ${ms(one.latencyMs.p99)} ms = ${ratio(two.latencyMs.p99, one.latencyMs.p99)}`
          : 'not run',
      met: one && two ? two.latencyMs.p99 <= one.latencyMs.p99 / 2 : null,
    },
    {
      name: `One node on SQLite: fan-out p99 at ${goalClients} clients no worse than before`,
      target: baseline ? `≤ ${ms(baseline.p99)} ms (${baseline.source})` : 'no earlier figure',
      figure: sqlite
        ? `${ms(sqlite.latencyMs.p99)} ms (${baseline ? ratio(sqlite.latencyMs.p99, baseline.p99) : '–'})`
        : 'not run',
      met: sqlite && baseline ? sqlite.latencyMs.p99 <= baseline.p99 : null,
    },
    {
      name: `One node in scale-out mode: fan-out p99 at ${goalClients} clients ≤ y-websocket server, same run`,
      target: reference ? `≤ ${ms(reference.p99)} ms (${reference.source})` : 'y-websocket p99',
      figure: single
        ? `${ms(single.latencyMs.p99)} ms (${reference ? ratio(single.latencyMs.p99, reference.p99) : '–'})`
        : 'not run',
      met: single && reference ? single.latencyMs.p99 <= reference.p99 : null,
    },
  ]
}

function coldRow(c: ColdLoadFromStore, name: string): string[] {
  return [
    name,
    bytes(c.stateBytes),
    `${ms(c.writeMs)} ms`,
    c.log ? `${num(c.log.logRows)} / ${bytes(c.log.logBytes)}` : '–',
    `${ms(c.coldLoadFromLogMs)} ms`,
    c.compacted
      ? `${bytes(c.compacted.snapshotBytes)} (${num(c.compacted.logRows)} log rows left)`
      : '–',
    `${ms(c.coldLoadFromSnapshotMs)} ms`,
    c.coldLoadFromSnapshotRunsMs.map(ms).join(' / '),
    `${ms(c.serverStartMs)} ms`,
  ]
}

export function renderScaleOut(s: ScaleOutResults): string[] {
  const parts: string[] = []
  parts.push('## 5. Scale-out: one board over several nodes (issue #15)')
  const first = s.fanout[0]
  if (first) {
    parts.push(
      `The fan-out measure of section 1 (each client moves its own sticky every 1–2 s; latency from the sender's \`set\` until the last other client applied it), ${num(first.durationMs / 1000)} s per run, ${first.rounds} round(s) per setup pooled, a fresh cluster per run (new database, new Redis, new node processes). The clients connect round-robin to the nodes (client k to node k mod n), so with n nodes every update reaches the clients of the other n − 1 nodes through Redis (stored in PostgreSQL first, then published). CPU per node is user+system time of each node process over the editing window and drain; Redis is the private redis-server, PostgreSQL the backends serving the run's database (not its shared WAL writer and checkpointer); "cluster CPU" is their sum. "Other work" is the CPU the rest of the machine used over the same window (all cores busy, from /proc/stat, minus the cluster and the bench process), in % of one core: on this shared machine it shows which rounds competed with other jobs. "Bench CPU" is the clients' process. An update is complete when every other client applied it before the drain deadline. On schedule a round sends about N × ${num(first.durationMs / 1000)} s ÷ 1.5 s updates (${[...new Set(s.fanout.map((f) => f.clients))].map((n) => `~${num((n * first.durationMs) / 1500)} at ${n}`).join(', ')}); a round that sent far fewer had its client threads starved of CPU (their timers fired late, or after the editing window), and its latencies measure the clients as much as the servers.`,
    )
    parts.push(
      table(
        [
          'N',
          'store',
          'nodes',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
          'complete',
          'each round: p99 ms (complete/sent, other work)',
          'deliveries/s',
          'CPU per node',
          'Redis CPU',
          'PostgreSQL CPU',
          'cluster CPU',
          'peak RSS (largest node)',
          'bench CPU',
        ],
        s.fanout.map((f) => [
          String(f.clients),
          setupName[f.backend],
          String(f.nodes),
          ms(f.latencyMs.p50),
          ms(f.latencyMs.p95),
          ms(f.latencyMs.p99),
          ms(f.latencyMs.max),
          `${f.updatesComplete}/${f.updatesSent}`,
          (f.perRound ?? [])
            .map(
              (r) =>
                `${ms(r.p99Ms)} (${r.updatesComplete}/${r.updatesSent}, ${num(r.otherCpuPercent)}%)`,
            )
            .join(' / '),
          num(f.deliveriesPerSecond),
          f.nodeCpuMs.map((c, i) => `${ms(c)} ms (${num(f.nodeCpuPercent[i] ?? 0)}%)`).join(' / '),
          f.redisCpuMs === null ? '–' : `${ms(f.redisCpuMs)} ms`,
          f.postgresCpuMs === null ? '–' : `${ms(f.postgresCpuMs)} ms`,
          `${ms(clusterCpuMs(f))} ms`,
          bytes(f.serverPeakRssBytes),
          `${num(f.clientCpuPercent)}%`,
        ]),
      ),
    )
    const rows: string[][] = []
    for (const n of [...new Set(s.fanout.map((f) => f.clients))]) {
      const one = find(s, 'postgres+redis', 1, n)
      if (!one) continue
      const against: [string, ScaleOutFanoutResult | undefined][] = [
        ...[2, 3].map((k): [string, ScaleOutFanoutResult | undefined] => [
          `${k} nodes ÷ 1 node`,
          find(s, 'postgres+redis', k, n),
        ]),
        ['1 node: SQLite ÷ PostgreSQL + Redis', find(s, 'sqlite', 1, n)],
      ]
      for (const [label, other] of against) {
        if (!other) continue
        rows.push([
          String(n),
          label,
          ratio(other.latencyMs.p50, one.latencyMs.p50),
          ratio(other.latencyMs.p99, one.latencyMs.p99),
          ratio(Math.max(...other.nodeCpuMs), Math.max(...one.nodeCpuMs)),
          ratio(clusterCpuMs(other), clusterCpuMs(one)),
        ])
      }
    }
    parts.push('Ratios (below 1× is lower):')
    parts.push(table(['N', 'ratio', 'p50', 'p99', 'CPU of the busiest node', 'cluster CPU'], rows))
  }
  parts.push('Goals of issue #15:')
  parts.push(
    table(
      ['goal', 'target', 'figure', 'met'],
      scaleOutTargets(s).map((t) => [
        t.name,
        t.target,
        t.figure,
        t.met === null ? '–' : t.met ? 'yes' : 'no',
      ]),
    ),
  )
  const c = s.coldLoad
  if (c) {
    parts.push(`### Cold load of a ${num(c.stickies)}-sticky board: PostgreSQL against SQLite`)
    parts.push(
      'The same board (stickies added one update each through one node, compaction off, node killed: the worst-case log) stored by a node on SQLite and by a node in scale-out mode; then a node process that has never held it serves a client: connect until the first sync holds every sticky. First from the update log, then (after a graceful stop folded the log) from the snapshot, a fresh node each time. The PostgreSQL log has far fewer rows for the same updates: the outbox of a room writes the updates that queue while a commit is in flight in one call (group commit), and the building client writes as fast as it can.',
    )
    parts.push(
      table(
        [
          'store',
          'Yjs state',
          'written in',
          'log rows / bytes',
          'cold load from log',
          'snapshot',
          'cold load from snapshot (median)',
          'each load',
          'node start',
        ],
        [coldRow(c.sqlite, 'SQLite (embedded)'), coldRow(c.postgres, 'PostgreSQL + Redis')],
      ),
    )
    parts.push(
      `PostgreSQL ÷ SQLite: cold load from log ${ratio(c.postgres.coldLoadFromLogMs, c.sqlite.coldLoadFromLogMs)}, from snapshot ${ratio(c.postgres.coldLoadFromSnapshotMs, c.sqlite.coldLoadFromSnapshotMs)}, writing the board ${ratio(c.postgres.writeMs, c.sqlite.writeMs)}.`,
    )
  }
  return parts
}
