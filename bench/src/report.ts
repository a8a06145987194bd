import { bytes, ms, num, ratio, type Target, table } from './markdown.ts'
import type { BenchResults, SectionKey } from './results.ts'
import { renderScaleOut, scaleOutTargets } from './scale-out/scale-out-report.ts'
import type { ServerKind } from './servers/server-handle.ts'
import {
  renderSuggestionQuality,
  suggestionQualityTargets,
} from './suggestion-quality/quality-report.ts'

/** Renders a run's results as the Markdown tables committed under bench/results/. */

const serverName: Record<ServerKind, string> = {
  stormline: 'Stormline (SQLite, every update)',
  'y-websocket': 'y-websocket server (memory)',
  hocuspocus: 'Hocuspocus + SQLite ext.',
}

/** The issue's targets, read off the results (null: not measured in this run). */
export function targets(r: BenchResults): Target[] {
  const out: Target[] = []
  const at100 = (kind: ServerKind) => r.fanout?.find((f) => f.clients === 100 && f.server === kind)
  const s100 = at100('stormline')
  const y100 = at100('y-websocket')
  out.push({
    name: 'Fan-out p99 at 100 clients ≤ y-websocket server',
    target: y100 ? `≤ ${ms(y100.latencyMs.p99)} ms` : 'y-websocket p99',
    figure: s100 ? `${ms(s100.latencyMs.p99)} ms` : 'not run',
    met: s100 && y100 ? s100.latencyMs.p99 <= y100.latencyMs.p99 : null,
  })
  const big = r.storedBoards?.find((b) => b.stickies === 10_000)
  out.push({
    name: 'Cold load + first sync, 10,000-sticky board',
    target: '< 1,000 ms',
    figure: big
      ? `${ms(big.stormline.coldLoadFromSnapshotMs)} ms (from log: ${ms(big.stormline.coldLoadFromLogMs)} ms)`
      : 'not run',
    met: big ? big.stormline.coldLoadFromSnapshotMs < 1000 : null,
  })
  const backlog = r.backlog?.find((b) => b.painPoints === 10_000)
  out.push({
    name: 'Backlog (cluster + score + 3 exports), 10,000 pain points',
    target: '< 200 ms',
    figure: backlog ? `${ms(backlog.totalMs)} ms` : 'not run',
    met: backlog ? backlog.totalMs < 200 : null,
  })
  const idle = r.idleBoardMemory?.find((m) => m.server === 'stormline')
  out.push({
    name: 'Server memory per idle loaded board',
    target: '< 2 MiB',
    figure: idle
      ? `${bytes(idle.perBoardBytes)} (${idle.stickiesPerBoard} stickies each)`
      : 'not run',
    met: idle ? idle.perBoardBytes < 2 * 1024 * 1024 : null,
  })
  if (r.scaleOut) out.push(...scaleOutTargets(r.scaleOut))
  if (r.suggestionQuality) out.push(...suggestionQualityTargets(r.suggestionQuality))
  return out
}

/** One line per figure: Stormline ÷ each reference (below 1× Stormline is lower). */
export function ratioSummary(r: BenchResults): string[][] {
  const rows: string[][] = []
  const add = (
    figure: string,
    s: number | undefined,
    y: number | undefined,
    h: number | undefined,
  ): void => {
    if (s === undefined) return
    rows.push([figure, y === undefined ? '–' : ratio(s, y), h === undefined ? '–' : ratio(s, h)])
  }
  const fan = (n: number, kind: ServerKind) =>
    r.fanout?.find((f) => f.clients === n && f.server === kind)
  for (const n of [...new Set(r.fanout?.map((f) => f.clients) ?? [])]) {
    const [s, y, h] = (['stormline', 'y-websocket', 'hocuspocus'] as const).map((k) => fan(n, k))
    add(`fan-out N=${n} p50`, s?.latencyMs.p50, y?.latencyMs.p50, h?.latencyMs.p50)
    add(`fan-out N=${n} p99`, s?.latencyMs.p99, y?.latencyMs.p99, h?.latencyMs.p99)
    add(`fan-out N=${n} max`, s?.latencyMs.max, y?.latencyMs.max, h?.latencyMs.max)
    add(
      `fan-out N=${n} deliveries/s`,
      s?.deliveriesPerSecond,
      y?.deliveriesPerSecond,
      h?.deliveriesPerSecond,
    )
    add(`fan-out N=${n} server CPU`, s?.serverCpuMs, y?.serverCpuMs, h?.serverCpuMs)
    add(
      `fan-out N=${n} server peak RSS`,
      s?.serverPeakRssBytes,
      y?.serverPeakRssBytes,
      h?.serverPeakRssBytes,
    )
  }
  const growth = (k: ServerKind) => r.documentGrowth?.find((g) => g.server === k)
  add(
    'document growth after moves',
    growth('stormline')?.growth,
    growth('y-websocket')?.growth,
    growth('hocuspocus')?.growth,
  )
  add(
    'first sync after moves',
    growth('stormline')?.firstSyncMs,
    growth('y-websocket')?.firstSyncMs,
    growth('hocuspocus')?.firstSyncMs,
  )
  for (const b of r.storedBoards ?? []) {
    add(
      `${num(b.stickies)} stickies: warm first sync`,
      b.stormline.warmFirstSyncMs,
      b.yWebsocket.warmFirstSyncMs,
      b.hocuspocus.warmFirstSyncMs,
    )
    add(
      `${num(b.stickies)} stickies: cold load + first sync`,
      b.stormline.coldLoadFromSnapshotMs,
      undefined,
      b.hocuspocus.coldLoadMs,
    )
    add(
      `${num(b.stickies)} stickies: stored bytes`,
      b.stormline.compacted.snapshotBytes,
      undefined,
      b.hocuspocus.storedBytes,
    )
  }
  const idle = (k: ServerKind) => r.idleBoardMemory?.find((m) => m.server === k)
  add(
    'RSS of an idle server',
    idle('stormline')?.baselineRssBytes,
    idle('y-websocket')?.baselineRssBytes,
    idle('hocuspocus')?.baselineRssBytes,
  )
  add(
    'memory per idle loaded board',
    idle('stormline')?.perBoardBytes,
    idle('y-websocket')?.perBoardBytes,
    idle('hocuspocus')?.perBoardBytes,
  )
  return rows
}

const sectionTitle: Record<SectionKey, string> = {
  fanout: '1',
  documentGrowth: '2a',
  storedBoards: '2b',
  idleBoardMemory: '2c',
  backlog: '3',
  client: '4',
  scaleOut: '5',
  suggestionQuality: '6',
}

/** One commit, or which commit each section measured when a partial run kept older sections. */
function serverCodeBySection(m: BenchResults['meta']): string {
  const runs = Object.entries(m.sectionRuns ?? {}) as [SectionKey, { stormline: string }][]
  const commits = [...new Set(runs.map(([, run]) => run.stormline))]
  if (commits.length <= 1) return m.stormline
  return commits
    .map((commit) => {
      const titles = runs.filter(([, run]) => run.stormline === commit).map(([key]) => key)
      return `${commit} (section${titles.length > 1 ? 's' : ''} ${titles.map((key) => sectionTitle[key]).join(', ')})`
    })
    .join('; ')
}

export function renderMarkdown(r: BenchResults): string {
  const parts: string[] = []
  const m = r.meta
  parts.push(`# Stormline benchmarks (${m.mode} run)`)
  parts.push(
    [
      `Run ${m.startedAt} → ${m.finishedAt} on ${m.cores} cores (${m.cpuModel}), ${bytes(m.totalMemoryBytes)} RAM, Node ${m.node}, ${m.platform}.`,
      `Load average (1 min) at the start of each section: ${Object.entries(m.loadAverage)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}.`,
      `Stormline server code: ${serverCodeBySection(m)}.`,
      `Versions: ${Object.entries(m.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
      ...m.notes.map((n) => `- ${n}`),
    ].join('\n'),
  )

  parts.push('## Stormline ÷ reference, every figure')
  parts.push(
    'Below 1× Stormline is lower (faster, smaller), except deliveries/s where higher is better. Backlog and client figures have no reference (see their sections and the targets).',
  )
  parts.push(
    table(['figure', 'Stormline ÷ y-websocket server', 'Stormline ÷ Hocuspocus'], ratioSummary(r)),
  )

  parts.push('## Targets')
  parts.push(
    table(
      ['target', 'goal', 'Stormline', 'met'],
      targets(r).map((t) => [
        t.name,
        t.target,
        t.figure,
        t.met === null ? '–' : t.met ? 'yes' : 'no',
      ]),
    ),
  )

  if (r.fanout?.length) {
    parts.push('## 1. Fan-out latency and throughput (one board, N clients)')
    parts.push(
      "Latency per update: from the sender's `set` until the last other client applied it. Each client moves its own ~" +
        `${r.fanout[0]?.recordBytes ?? 0}-byte sticky record (a move writes its x, y and the update id as field patches, record layout v2) every 1–2 s (uniform jitter), ${num((r.fanout[0]?.durationMs ?? 0) / 1000)} s per run, ${r.fanout[0]?.rounds ?? 1} round(s) per N pooled; ` +
        'a fresh server process per run, the three servers interleaved per N. Server CPU is user+system time per run (mean over rounds); peak RSS is the process high-water mark (VmHWM, includes start-up).',
    )
    parts.push(
      table(
        [
          'N',
          'server',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'p99 of each round',
          'max ms',
          'complete',
          'updates/s',
          'deliveries/s',
          'server CPU',
          'peak RSS',
          'RSS after',
          'bench CPU',
        ],
        r.fanout.map((f) => [
          String(f.clients),
          serverName[f.server],
          ms(f.latencyMs.p50),
          ms(f.latencyMs.p95),
          ms(f.latencyMs.p99),
          (f.roundP99Ms ?? []).map(ms).join(' / '),
          ms(f.latencyMs.max),
          `${f.updatesComplete}/${f.updatesSent}`,
          num(f.updatesPerSecond, 1),
          num(f.deliveriesPerSecond),
          `${ms(f.serverCpuMs)} ms (${num(f.serverCpuPercent)}%)`,
          bytes(f.serverPeakRssBytes),
          bytes(f.serverRssBytes),
          `${num(f.clientCpuPercent)}%`,
        ]),
      ),
    )
    const rows: string[][] = []
    for (const n of [...new Set(r.fanout.map((f) => f.clients))]) {
      const s = r.fanout.find((f) => f.clients === n && f.server === 'stormline')
      for (const ref of ['y-websocket', 'hocuspocus'] as const) {
        const o = r.fanout.find((f) => f.clients === n && f.server === ref)
        if (!s || !o) continue
        rows.push([
          String(n),
          `Stormline / ${ref}`,
          ratio(s.latencyMs.p50, o.latencyMs.p50),
          ratio(s.latencyMs.p95, o.latencyMs.p95),
          ratio(s.latencyMs.p99, o.latencyMs.p99),
          ratio(s.latencyMs.max, o.latencyMs.max),
          ratio(s.deliveriesPerSecond, o.deliveriesPerSecond),
          ratio(s.serverCpuMs, o.serverCpuMs),
          ratio(s.serverPeakRssBytes, o.serverPeakRssBytes),
        ])
      }
    }
    parts.push('Ratios (below 1× is better for Stormline, except deliveries/s):')
    parts.push(
      table(
        ['N', 'ratio', 'p50', 'p95', 'p99', 'max', 'deliveries/s', 'server CPU', 'peak RSS'],
        rows,
      ),
    )
  }

  if (r.documentGrowth?.length) {
    parts.push('## 2a. Document growth under repeated moves')
    parts.push(
      'Three clients take turns moving stickies (each move sets the sticky’s x and y in its record map, record layout v2, one update each, through the server); then a fresh client joins. "Fresh" is the same final records written once into a new document.',
    )
    const s = r.documentGrowth.find((g) => g.server === 'stormline')
    parts.push(
      table(
        [
          'server',
          'stickies',
          'moves',
          'fresh state',
          'state after moves',
          'growth',
          'first sync ms',
          'Stormline ÷ this',
        ],
        r.documentGrowth.map((g) => [
          serverName[g.server],
          num(g.stickies),
          num(g.moves),
          bytes(g.freshStateBytes),
          bytes(g.movedStateBytes),
          `${g.growth.toFixed(3)}×`,
          ms(g.firstSyncMs),
          s ? ratio(s.firstSyncMs, g.firstSyncMs) : '–',
        ]),
      ),
    )
  }

  if (r.storedBoards?.length) {
    parts.push('## 2b. Boards stored in SQLite')
    parts.push(
      'Stickies added one update each. Stormline\'s log is built with compaction off and the server killed (kill -9), the worst case a restart replays; the first client to leave then compacts it. "Cold" = server process already up, board not in memory: connect until first sync holds every sticky. "Warm" = a late joiner while the board is loaded. Median of the cold repetitions.',
    )
    parts.push(
      table(
        [
          'stickies',
          'Yjs state',
          'log rows',
          'log bytes',
          'DB+WAL file, log',
          'cold load from log',
          'snapshot',
          'log rows after',
          'DB+WAL file, compacted',
          'cold load from snapshot',
          'warm first sync',
          'server start',
        ],
        r.storedBoards.map((b) => [
          num(b.stickies),
          bytes(b.stateBytes),
          num(b.stormline.log.rows),
          bytes(b.stormline.log.bytes),
          bytes(b.stormline.log.fileBytes),
          `${ms(b.stormline.coldLoadFromLogMs)} ms`,
          bytes(b.stormline.compacted.snapshotBytes),
          num(b.stormline.compacted.rows),
          bytes(b.stormline.compacted.fileBytes),
          `${ms(b.stormline.coldLoadFromSnapshotMs)} ms`,
          `${ms(b.stormline.warmFirstSyncMs)} ms`,
          `${ms(b.stormline.serverStartMs)} ms`,
        ]),
      ),
    )
    parts.push('Side by side:')
    parts.push(
      table(
        [
          'stickies',
          'cold load: Stormline',
          'Hocuspocus',
          'ratio',
          'warm first sync: Stormline',
          'y-websocket',
          'Hocuspocus',
          'ratio vs y-ws',
          'ratio vs Hocuspocus',
          'stored bytes: Stormline (snapshot)',
          'Hocuspocus',
          'file: Stormline',
          'Hocuspocus',
        ],
        r.storedBoards.map((b) => [
          num(b.stickies),
          `${ms(b.stormline.coldLoadFromSnapshotMs)} ms`,
          `${ms(b.hocuspocus.coldLoadMs)} ms`,
          ratio(b.stormline.coldLoadFromSnapshotMs, b.hocuspocus.coldLoadMs),
          `${ms(b.stormline.warmFirstSyncMs)} ms`,
          `${ms(b.yWebsocket.warmFirstSyncMs)} ms`,
          `${ms(b.hocuspocus.warmFirstSyncMs)} ms`,
          ratio(b.stormline.warmFirstSyncMs, b.yWebsocket.warmFirstSyncMs),
          ratio(b.stormline.warmFirstSyncMs, b.hocuspocus.warmFirstSyncMs),
          bytes(b.stormline.compacted.snapshotBytes),
          bytes(b.hocuspocus.storedBytes),
          bytes(b.stormline.compacted.fileBytes),
          bytes(b.hocuspocus.fileBytes),
        ]),
      ),
    )
  }

  if (r.idleBoardMemory?.length) {
    parts.push('## 2c. Server memory per idle loaded board')
    const s = r.idleBoardMemory.find((x) => x.server === 'stormline')
    parts.push(
      `${s?.boards ?? 0} boards of ${s?.stickiesPerBoard ?? 0} stickies, stored, server restarted, then one idle client per board. Per board = (RSS loaded − RSS before) / boards.`,
    )
    parts.push(
      table(
        ['server', 'RSS before', 'RSS loaded', 'per board', 'Stormline ÷ this'],
        r.idleBoardMemory.map((x) => [
          serverName[x.server],
          bytes(x.baselineRssBytes),
          bytes(x.loadedRssBytes),
          bytes(x.perBoardBytes),
          s ? ratio(s.perBoardBytes, x.perBoardBytes) : '–',
        ]),
      ),
    )
  }

  if (r.backlog?.length) {
    parts.push('## 3. Backlog cost')
    parts.push(
      `Synthetic workshop (20 topics, common delivery words, six phases): suggest clusters, accept them all, 50 participants vote, build (score and rank) the backlog, export Markdown, CSV and JSON. Median ms after ${num(r.backlog[0]?.warmups ?? 1)} untimed round(s): V8 optimises the pair loop of the suggester only after a few calls, and a server answers these requests again and again. "first call" is the very first pipeline on each board in the process (code not yet optimised for it). No reference server has a backlog; the goal is the target.`,
    )
    parts.push(
      table(
        [
          'pain points',
          'suggestions',
          'cluster',
          'score',
          'export md',
          'export csv',
          'export json',
          'total',
          'vs 200 ms target',
          'first call',
        ],
        r.backlog.map((b) => [
          num(b.painPoints),
          num(b.suggestions),
          ms(b.clusterMs),
          ms(b.scoreMs),
          ms(b.exportMarkdownMs),
          ms(b.exportCsvMs),
          ms(b.exportJsonMs),
          ms(b.totalMs),
          ratio(b.totalMs, 200),
          b.firstMs === undefined ? '–' : ms(b.firstMs),
        ]),
      ),
    )
  }

  if (r.client) {
    const c = r.client
    parts.push('## 4. Client')
    parts.push(
      table(
        ['figure', 'value'],
        [
          ['build', `${c.source}${c.buildMs === null ? '' : ` (${ms(c.buildMs)} ms)`}`],
          [
            'JS + CSS',
            `${bytes(c.bundle.code.bytes)} raw, ${bytes(c.bundle.code.gzipBytes)} gzip (${c.bundle.code.files} files)`,
          ],
          [
            'largest chunk',
            `${c.bundle.largest.file}: ${bytes(c.bundle.largest.bytes)} raw, ${bytes(c.bundle.largest.gzipBytes)} gzip`,
          ],
          [
            'everything (fonts, icons, translations)',
            `${bytes(c.bundle.all.bytes)} raw, ${bytes(c.bundle.all.gzipBytes)} gzip (${c.bundle.all.files} files)`,
          ],
          [
            `navigation → rendered board of ${num(c.stickies)} stickies (median)`,
            `${ms(c.medianRenderMs)} ms`,
          ],
          [
            'runs',
            c.renders
              .map((x) => `${ms(x.renderedMs)} ms (${x.notesInDom} notes in DOM)`)
              .join(', '),
          ],
        ],
      ),
    )
  }
  if (r.scaleOut) parts.push(...renderScaleOut(r.scaleOut))
  if (r.suggestionQuality) parts.push(...renderSuggestionQuality(r.suggestionQuality))
  return `${parts.join('\n\n')}\n`
}
