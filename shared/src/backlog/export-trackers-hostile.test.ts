import { execFileSync, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readCsv } from '../testing/read-csv.ts'
import type { Backlog, BacklogItem, Evidence } from './backlog-types.ts'
import { buildBacklog } from './build-backlog.ts'
import { exportBacklog } from './export-backlog.ts'
import { type GithubIssuesFile, githubImportLoop } from './export-github.ts'
import { escapeJiraWiki } from './export-jira.ts'
import { trackerTitle } from './tracker-issues.ts'
import { workshopBoard, workshopMaps } from './workshop-fixture.ts'

/**
 * Sticky text, cluster names, phase, step and system names, deep-dive notes and display names
 * are written by anyone on a board. In a tracker file they must stay inert: no spreadsheet
 * formula, no markup of the tracker's (links, mentions, macros, HTML), no shell code on the
 * machine that runs the GitHub import, and no line or cell of their own.
 */

const dir = mkdtempSync(join(tmpdir(), 'stormline-trackers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const pwned = join(dir, 'pwned')

const formulas = ['=1+1', '+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1', ' =1', '\uFF1D1']
const shell =
  `$(touch ${pwned}) \`touch ${pwned}\` ; touch ${pwned} && echo '"' | tee ${pwned} ` +
  `\\ \\n %s --title=x -- "$HOME" \${IFS} !!`
const jiraWiki = `[~admin] {html}<script>alert(1)</script>{html} !http://evil/x.png! [click|javascript:alert(1)] back\\slash \\\\ h1. x`
const markdown = '# heading [x](javascript:alert(1)) <img src=x onerror=alert(1)> `code`'
const github = '@octocat and @org/team see #1 and org/repo#2'
const multiline = 'line one\nh1. heading\r\n# heading\u2028- list item\n| a | b |'
const quotes = 'say "hi", then \'bye\''
const texts = [shell, jiraWiki, markdown, github, multiline, quotes, ...formulas]
const pick = (i: number): string => texts[i % texts.length] ?? ''

const base = buildBacklog(workshopBoard, workshopMaps)
const hostileEvidence = (e: Evidence, i: number): Evidence => ({
  ...e,
  text: pick(i),
  authorName: pick(i + 1),
  phaseName: pick(i + 2),
  context: pick(i + 3),
})
const hostile: Backlog = {
  ...base,
  board: { ...base.board, name: shell },
  items: base.items.map(
    (item, i): BacklogItem => ({
      ...item,
      title: pick(i * 3),
      evidence: item.evidence.map((e, j) => hostileEvidence(e, i * 5 + j)),
      phases: [pick(i + 4), pick(i + 6)],
      steps: [pick(i + 5)],
      systems: [pick(i + 7), pick(i + 8)],
      teams: [pick(i + 9)],
    }),
  ),
  unranked: base.unranked.map((point, i) => ({
    ...point,
    title: pick(i + 10),
    evidence: hostileEvidence(point.evidence, i + 11),
    phases: [pick(i + 12)],
    systems: [pick(i + 13)],
  })),
}
const count = hostile.items.length + hostile.unranked.length
const baseUrl = 'https://stormline.example.org'

const formulaStart = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/
const safeLabel = /^\p{L}[\p{L}\p{N}-]*$/u

function cellsOf(csv: string): string[][] {
  const rows = readCsv(csv)
  // Quotes, commas and line breaks in the text did not add or split rows or cells.
  expect(rows).toHaveLength(count + 1)
  for (const row of rows) expect(row).toHaveLength(rows[0]?.length ?? 0)
  return rows
}

describe('tracker CSVs (Jira, Linear): no formula, one cell per field', () => {
  it.each(['jira', 'linear'] as const)('%s', (format) => {
    const rows = cellsOf(exportBacklog(hostile, format, baseUrl))
    for (const cell of rows.flat()) expect(cell).not.toMatch(formulaStart)
    // A formula title is kept, behind the apostrophe a spreadsheet shows as text.
    const titles = rows.slice(1).map((row) => row[0])
    expect(titles).toContain("'=1+1")
    expect(titles).toContain(trackerTitle(shell, 'x'))
  })

  it('Jira labels and Linear labels have no spaces, commas or formula starts', () => {
    const jira = cellsOf(exportBacklog(hostile, 'jira', baseUrl))
    const labelColumns = (jira[0] ?? []).flatMap((name, i) => (name === 'Labels' ? [i] : []))
    const jiraLabels = jira.slice(1).flatMap((row) => labelColumns.map((i) => row[i] ?? ''))
    for (const label of jiraLabels.filter(Boolean)) expect(label).toMatch(safeLabel)
    expect(jiraLabels).toContain('system-cmd-calc')
    const linear = cellsOf(exportBacklog(hostile, 'linear', baseUrl))
    for (const row of linear.slice(1)) {
      for (const label of (row[4] ?? '').split(', ')) expect(label).toMatch(safeLabel)
    }
  })
})

describe('Jira descriptions: no wiki markup from user text', () => {
  const rows = cellsOf(exportBacklog(hostile, 'jira', baseUrl)).slice(1)
  const descriptions = rows.map((row) => row[3] ?? '')

  it('escapes links, mentions, macros, images and tables, and adds no lines', () => {
    for (const description of descriptions) {
      expect(description).not.toMatch(/(^|[^\\])\[~/)
      expect(description).not.toMatch(/(^|[^\\])\{html/)
      expect(description).not.toMatch(/(^|[^\\])!http/)
      expect(description).not.toMatch(/(^|[^\\])\|javascript/)
      expect(description).not.toContain('\\\\')
      // Every line is one of ours: user text never starts a line (heading, list, table).
      for (const line of description.split('\n')) {
        expect(line).toMatch(
          /^(|\*Rank \d+ of \d+\* in |\*Not voted yet:\* |Value |\[Open on the Stormline board\|https:\/\/[^\s|\]]+\]|\*(Phases|Steps|Systems|Teams):\* |h3\. Evidence|\* |\*\* Deep-dive note: |Stormline item SL-)/,
        )
      }
    }
    expect(descriptions.join('\n')).toContain(escapeJiraWiki(jiraWiki))
  })
})

describe('Markdown descriptions (GitHub, Linear): no HTML, links or lines from user text', () => {
  const linear = cellsOf(exportBacklog(hostile, 'linear', baseUrl))
    .slice(1)
    .map((row) => row[1] ?? '')
  const file = JSON.parse(exportBacklog(hostile, 'github', baseUrl)) as GithubIssuesFile
  const bodies = file.issues.map((issue) => issue.body)

  it.each([
    ['linear', linear],
    ['github', bodies],
  ] as const)('%s', (_format, descriptions) => {
    expect(descriptions).toHaveLength(count)
    for (const description of descriptions) {
      expect(description).not.toMatch(/<(img|script)/)
      expect(description).not.toMatch(/(^|[^\\])\]\(javascript:/m)
      for (const line of description.split('\n')) {
        expect(line).toMatch(
          /^(|\*\*Rank \d+ of \d+\*\* in |\*\*Not voted yet:\*\* |Value |\[Open on the Stormline board\]\(https:\/\/[^\s)]+\)|- \*\*(Phases|Steps|Systems|Teams):\*\* |### Evidence|- | {2}- \*\*Deep-dive note:\*\* |Stormline item `SL-)/,
        )
      }
    }
  })

  it('github: no @mention or #reference that GitHub would act on', () => {
    for (const body of bodies) expect(body).not.toMatch(/[@#][\p{L}\p{N}_]/u)
    expect(bodies.join('\n')).toContain('@\u200Boctocat')
    expect(bodies.join('\n')).toContain('\\#\u200B1')
  })
})

describe('GitHub issues file: data only, whatever the text', () => {
  const json = exportBacklog(hostile, 'github', baseUrl)
  const file = JSON.parse(json) as GithubIssuesFile

  it('round-trips titles verbatim (one line) and has only safe labels', () => {
    expect(json).not.toMatch(/[<>&]/)
    expect(file.board.name).toBe(shell)
    expect(file.issues.map((i) => i.title)).toEqual(
      [...hostile.items, ...hostile.unranked].map((i) => trackerTitle(i.title, i.itemId)),
    )
    for (const issue of file.issues) expect(issue.title).not.toMatch(/[\r\n]/)
    for (const label of file.labels) expect(label).toMatch(safeLabel)
  })

  // The README's loop, run by sh with jq, against a `gh` that records what it was given.
  const hasJq = spawnSync('jq', ['--version']).status === 0

  it.skipIf(!hasJq)('the documented import loop passes every value to gh as is', () => {
    const bin = join(dir, 'bin')
    const log = join(dir, 'gh.log')
    const path = join(dir, 'issues.json')
    mkdirSync(bin, { recursive: true })
    // Arguments NUL-separated, then \1, standard input, \2.
    writeFileSync(
      join(bin, 'gh'),
      `#!/bin/sh\nfor arg in "$@"; do printf '%s\\0' "$arg"; done >> "$GH_LOG"\n` +
        `printf '\\1' >> "$GH_LOG"\ncat >> "$GH_LOG"\nprintf '\\2' >> "$GH_LOG"\n`,
    )
    chmodSync(join(bin, 'gh'), 0o755)
    writeFileSync(path, json)
    execFileSync('sh', ['-c', githubImportLoop], {
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, GH_LOG: log, file: path, HOME: dir },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const calls = readFileSync(log, 'utf8')
      .split('\u0002')
      .filter(Boolean)
      .map((call) => {
        const [args = '', stdin = ''] = call.split('\u0001')
        return { args: args.split('\0').slice(0, -1), stdin }
      })
    expect(calls).toEqual([
      ...file.labels.map((label) => ({ args: ['label', 'create', label, '--force'], stdin: '' })),
      ...file.issues.map((issue) => ({
        args: [
          'issue',
          'create',
          `--title=${issue.title}`,
          `--label=${issue.labels.join(',')}`,
          '--body-file=-',
        ],
        stdin: `${issue.body}\n`,
      })),
    ])
    expect(existsSync(pwned)).toBe(false)
  })
})
