import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { measureBacklogCost } from './backlog-cost.ts'
import { measureDocumentGrowth } from './board-scale/document-growth.ts'
import { measureIdleBoardMemory } from './board-scale/idle-board-memory.ts'
import { measureStoredBoard } from './board-scale/stored-board.ts'
import { measureBoardRender } from './client/board-render.ts'
import { buildWebApp, measureBundle } from './client/web-bundle.ts'
import { type BenchConfig, fullConfig, quickConfig } from './config.ts'
import { type FanoutResult, poolRounds, runFanout } from './fanout/fanout-run.ts'
import { benchRoot, repoRoot, resultsDir, webDist, webDistBuilt } from './paths.ts'
import { renderMarkdown, targets } from './report.ts'
import { type BenchResults, sectionKeys } from './results.ts'
import { measureColdLoad } from './scale-out/cold-load.ts'
import { measureScaleOutFanout, readBaseline } from './scale-out/scale-out-section.ts'
import { startHocuspocus } from './servers/hocuspocus.ts'
import { type ServerHandle, type ServerKind, serverKinds } from './servers/server-handle.ts'
import { startStormline, stormlineSource, useStormlineSource } from './servers/stormline.ts'
import { commitSource } from './servers/stormline-source.ts'
import { startYWebsocket } from './servers/y-websocket.ts'
import { median } from './stats.ts'
import { measureSuggestionQuality } from './suggestion-quality/quality-section.ts'

/**
 * `pnpm bench [--quick] [--only fanout,board,backlog,client,scale-out,suggestions] [--out dir]`: every section
 * in one run on this machine, the three servers side by side. Full results go to bench/results/
 * (committed); quick ones to bench/results/quick/ (ignored), so a CI smoke run never replaces them.
 */
const sections = ['fanout', 'board', 'backlog', 'client', 'scale-out', 'suggestions'] as const
type Section = (typeof sections)[number]

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    // Run the Stormline server of this commit instead of the working tree (e.g. HEAD).
    'stormline-rev': { type: 'string' },
    // Fan-out client counts instead of the mode's (e.g. 100,200), for investigating one figure.
    clients: { type: 'string' },
    // Worker threads for the fan-out clients (default 2).
    workers: { type: 'string' },
    // Fan-out rounds per N, pooled (default: 5 in a full run, 1 in a quick one).
    rounds: { type: 'string' },
  },
  // pnpm passes a lone "--" through when called as `pnpm bench -- --quick`.
  allowPositionals: true,
})
const config: BenchConfig = {
  ...(values.quick ? quickConfig : fullConfig),
  ...(values.clients ? { fanoutClients: values.clients.split(',').map(Number) } : {}),
  ...(values.workers ? { fanoutWorkers: Number(values.workers) } : {}),
  ...(values.rounds ? { fanoutRounds: Number(values.rounds) } : {}),
}
const only = new Set((values.only?.split(',') ?? sections).map((s) => s.trim()) as Section[])
const outDir = values.out ?? (config.mode === 'quick' ? path.join(resultsDir, 'quick') : resultsDir)

if (values['stormline-rev']) useStormlineSource(commitSource(values['stormline-rev']))
// Read before this run writes anything: the single-node figure the scale-out goals compare to.
const scaleOutBaseline = readBaseline()

const versionOf = (pkg: string): string => {
  // Read from disk: some packages (Hocuspocus) do not export their package.json.
  for (const dir of [
    path.join(benchRoot, 'node_modules', pkg),
    path.join(repoRoot, 'node_modules', pkg),
  ]) {
    try {
      return (
        JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }
      ).version
    } catch {
      // Try the next location.
    }
  }
  return 'unknown'
}

const results: BenchResults = {
  meta: {
    mode: config.mode,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    node: process.versions.node,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    loadAverage: {},
    stormline: stormlineSource().describe,
    versions: Object.fromEntries(
      [
        'yjs',
        'y-websocket',
        '@y/websocket-server',
        '@hocuspocus/server',
        '@hocuspocus/provider',
        '@hocuspocus/extension-sqlite',
        'better-sqlite3',
        '@playwright/test',
      ].map((p) => [p, versionOf(p)]),
    ),
    notes: [
      `Fan-out clients run in the bench process, spread over ${config.fanoutWorkers} worker threads (one wall clock); "bench CPU" is that whole process in % of one core: near ${config.fanoutWorkers * 100}% (or the cores left by the server) means the clients, not the server, limit the figures.`,
      'Stormline runs with RATE_LIMIT_PER_SECOND/RATE_LIMIT_BURST raised to 1,000,000 so the bulk writers of the board-scale section are not throttled; everything else is its default configuration (SQLite WAL, synchronous=NORMAL, an INSERT per update before relay).',
      "Hocuspocus runs @hocuspocus/server with the stock @hocuspocus/extension-sqlite (default debounce 2 s, max 10 s); the extension asks for better-sqlite3 12 and is given the workspace's 13.2.0 through a pnpm override (same API; one native build).",
      "The y-websocket server is the package's own bin script (src/server.js), in memory, GC on.",
      ...(only.has('scale-out')
        ? [
            `Scale-out (section 5): each node is a Stormline process (\`node server/src/main.ts\` with DATABASE_URL and REDIS_URL), on a fresh PostgreSQL database (the machine's server, ${os.availableParallelism()} cores shared with everything else) and a private redis-server; the clients spread round-robin over the nodes. Every node, PostgreSQL, Redis and the clients share this machine's cores: more nodes add relaying work (a Redis publish per update, and every node applies every update to its own copy of the board) without adding cores.`,
          ]
        : []),
      'Memory per idle board is RSS growth ÷ boards: a server whose V8 heap was already grown at start-up absorbs the first boards without growing, which flatters it (see before-after.md, section 3).',
      'The machine may have been shared with other work during the run: see the load averages.',
    ],
  },
}

const failures: string[] = []
function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`)
}
function noteLoad(section: string): void {
  results.meta.loadAverage[section] = os.loadavg()[0] ?? 0
}

async function startServer(kind: ServerKind, dataDir: string): Promise<ServerHandle> {
  if (kind === 'stormline') return startStormline({ dataDir })
  if (kind === 'hocuspocus') return startHocuspocus({ dataDir })
  return startYWebsocket()
}

/** Runs `fn` with a fresh server of `kind` on a temp data dir, and removes both afterwards. */
async function withServer<T>(
  kind: ServerKind,
  fn: (server: ServerHandle) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `stormline-bench-${kind}-`))
  const server = await startServer(kind, dataDir)
  try {
    return await fn(server)
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function section(name: string, run: () => Promise<void>): Promise<void> {
  noteLoad(name)
  const start = performance.now()
  log(`${name}…`)
  try {
    await run()
    log(`${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`)
  } catch (error) {
    failures.push(
      `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    log(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`)
  }
}

if (only.has('fanout')) {
  await section('fan-out', async () => {
    const runs: FanoutResult[] = []
    let turn = 0
    for (let round = 0; round < config.fanoutRounds; round++) {
      for (const clients of config.fanoutClients) {
        // Interleaved: every N runs all three servers, in a rotating order.
        const order = serverKinds.map(
          (_k, i) => serverKinds[(i + turn) % serverKinds.length] as ServerKind,
        )
        turn++
        for (const kind of order) {
          log(`  fan-out ${kind} N=${clients} round ${round + 1}/${config.fanoutRounds}`)
          const result = await withServer(kind, (server) =>
            runFanout([server], {
              clients,
              durationMs: config.fanoutDurationMs,
              minGapMs: 1_000,
              maxGapMs: 2_000,
              drainMs: config.fanoutDrainMs,
              workers: config.fanoutWorkers,
            }),
          )
          runs.push(result)
        }
      }
    }
    results.fanout = poolRounds(runs)
    const order = new Map(serverKinds.map((k, i) => [k, i]))
    results.fanout.sort(
      (a, b) => a.clients - b.clients || (order.get(a.server) ?? 0) - (order.get(b.server) ?? 0),
    )
  })
}

if (only.has('board')) {
  await section('document growth', async () => {
    results.documentGrowth = []
    for (const kind of serverKinds) {
      results.documentGrowth.push(
        await withServer(kind, (server) =>
          measureDocumentGrowth(server, config.growthStickies, config.growthMoves),
        ),
      )
    }
  })
  await section('stored boards', async () => {
    results.storedBoards = []
    for (const stickies of config.storedBoardSizes) {
      log(`  stored board of ${stickies}`)
      results.storedBoards.push(await measureStoredBoard(stickies, config.storedBoardReps))
    }
  })
  await section('idle board memory', async () => {
    results.idleBoardMemory = []
    for (const kind of serverKinds) {
      results.idleBoardMemory.push(
        await measureIdleBoardMemory(kind, config.idleBoards, config.idleStickiesPerBoard),
      )
    }
  })
}

if (only.has('backlog')) {
  await section('backlog', async () => {
    results.backlog = config.backlogSizes.map((n) =>
      measureBacklogCost(n, config.backlogReps, config.backlogWarmups),
    )
  })
}

if (only.has('client')) {
  await section('client', async () => {
    let dist = webDist
    let buildMs: number | null = null
    let source = 'web/dist as found'
    const temp = mkdtempSync(path.join(os.tmpdir(), 'stormline-bench-web-'))
    try {
      if (config.freshWebBuild || !webDistBuilt()) {
        dist = path.join(temp, 'dist')
        log('  building the web app')
        buildMs = await buildWebApp(dist)
        source = 'fresh production build (vite build)'
      }
      const bundle = measureBundle(dist)
      const dataDir = path.join(temp, 'data')
      const server = await startStormline({ dataDir, env: { WEB_DIST: dist } })
      try {
        const renders = await measureBoardRender(server, config.renderStickies, config.renderReps)
        results.client = {
          source,
          buildMs,
          bundle,
          stickies: config.renderStickies,
          renders,
          medianRenderMs: median(renders.map((x) => x.renderedMs)),
        }
      } finally {
        await server.stop()
      }
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  })
}

if (only.has('scale-out')) {
  await section('scale-out fan-out', async () => {
    // Section 1's results are in `results` only when it ran in this run (the merge comes later).
    const measured = await measureScaleOutFanout(config, results.fanout, log)
    results.scaleOut = { ...results.scaleOut, ...measured, baseline: scaleOutBaseline }
  })
  await section('scale-out cold load', async () => {
    const coldLoad = await measureColdLoad(config.coldLoadStickies, config.coldLoadReps)
    results.scaleOut = {
      fanout: [],
      yWebsocket: null,
      baseline: scaleOutBaseline,
      ...results.scaleOut,
      coldLoad,
    }
  })
}

if (only.has('suggestions')) {
  // Deterministic and cheap: the same figures in a quick run as in a full one.
  await section('suggestion quality', async () => {
    results.suggestionQuality = measureSuggestionQuality()
  })
}

results.meta.finishedAt = new Date().toISOString()
results.meta.sectionRuns = Object.fromEntries(
  sectionKeys
    .filter((key) => results[key] !== undefined)
    .map((key) => [key, { stormline: results.meta.stormline, startedAt: results.meta.startedAt }]),
)
mkdirSync(outDir, { recursive: true })
const stem = config.mode === 'quick' ? 'quick' : 'latest'
const jsonFile = path.join(outDir, `${stem}.json`)
if (values.only && existsSync(jsonFile)) {
  // A partial run (--only) re-measures some sections and keeps the others of the last run.
  const previous = JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchResults
  for (const key of sectionKeys) {
    if (results[key] === undefined && previous[key] !== undefined) {
      Object.assign(results, { [key]: previous[key] })
      results.meta.sectionRuns[key] = previous.meta.sectionRuns?.[key] ?? {
        stormline: previous.meta.stormline,
        startedAt: previous.meta.startedAt,
      }
    }
  }
  results.meta.loadAverage = { ...previous.meta.loadAverage, ...results.meta.loadAverage }
  results.meta.startedAt = previous.meta.startedAt
  // The kept sections' notes stay (how they were run); an older re-run note of these same
  // sections gives way to this one.
  const rerunOfThese = `Sections ${[...only].join(', ')} re-run at `
  const fresh = new Set(results.meta.notes)
  results.meta.notes.push(
    ...previous.meta.notes.filter((note) => !fresh.has(note) && !note.startsWith(rerunOfThese)),
  )
  results.meta.notes.push(
    `Sections ${[...only].join(', ')} re-run at ${results.meta.finishedAt} (Stormline ${results.meta.stormline}); the others are from the run started ${previous.meta.startedAt} (Stormline ${previous.meta.stormline}).`,
  )
}
const markdown = renderMarkdown(results)
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(path.join(outDir, `${stem}.md`), markdown)
process.stdout.write(markdown)
process.stdout.write('\nTargets:\n')
for (const t of targets(results)) {
  process.stdout.write(
    `  ${t.met === null ? '–  ' : t.met ? 'met' : 'MISSED'}  ${t.name}: ${t.figure} (goal ${t.target})\n`,
  )
}
process.stdout.write(`\nResults: ${path.join(outDir, `${stem}.md`)} and .json\n`)
if (failures.length > 0) {
  process.stderr.write(`\n${failures.length} section(s) failed:\n${failures.join('\n\n')}\n`)
  process.exit(1)
}
// Stock clients keep timers (awareness, reconnect) that would hold the process open.
process.exit(0)
