import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCsv } from '../testing/read-csv.ts'
import type { Backlog, BacklogItem } from './backlog-types.ts'
import { buildBacklog } from './build-backlog.ts'
import { backlogMediaTypes, exportBacklog, trackerFormats } from './export-backlog.ts'
import { type GithubIssuesFile, githubImportLoop } from './export-github.ts'
import { escapeJiraWiki, jiraUrl } from './export-jira.ts'
import {
  fivePriorityOf,
  labelOf,
  priorityTier,
  trackerTitle,
  trackerTitleMax,
} from './tracker-issues.ts'
import { workshopBoard, workshopMaps } from './workshop-fixture.ts'

const baseUrl = 'https://stormline.example.org'
const backlog = buildBacklog(workshopBoard, workshopMaps)
const token = 'V1ewerTokenV1ewerTokenV1ewerTok_'

/** Rows as objects keyed by header; repeated headers (Jira's Labels) collect into an array. */
function records(csv: string): Record<string, string | string[]>[] {
  const [header = [], ...rows] = readCsv(csv)
  return rows.map((row) => {
    const record: Record<string, string | string[]> = {}
    header.forEach((name, i) => {
      const value = row[i] ?? ''
      if (name !== 'Labels' || header.indexOf(name) === header.lastIndexOf(name)) {
        record[name] = value
        return
      }
      const labels = (record[name] as string[] | undefined) ?? []
      record[name] = value === '' ? labels : [...labels, value]
    })
    return record
  })
}

/** The workshop backlog with `count` ranked items (copies of the first), for the priority bands. */
function withRankedItems(count: number): Backlog {
  const first = backlog.items[0] as BacklogItem
  return {
    ...backlog,
    items: Array.from({ length: count }, (_, i) => ({
      ...first,
      itemId: `SL-${i}`,
      rank: i + 1,
      title: `Item ${i + 1}`,
    })),
    unranked: backlog.unranked,
  }
}

describe('priority from the rank', () => {
  it('cuts the ranked items into equal bands, best first', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((rank) => priorityTier(rank, 10, 5))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ])
    expect([1, 2, 3, 4].map((rank) => priorityTier(rank, 4, 5))).toEqual([0, 1, 2, 3])
    expect(priorityTier(1, 1, 5)).toBe(0)
    expect([1, 2, 3, 4, 5, 6].map((rank) => priorityTier(rank, 6, 3))).toEqual([0, 0, 1, 1, 2, 2])
  })

  it('Jira: Highest … Lowest by fifths, Lowest when not voted yet', () => {
    expect([1, 3, 5, 7, 10].map((rank) => fivePriorityOf(rank, 10))).toEqual([
      'Highest',
      'High',
      'Medium',
      'Low',
      'Lowest',
    ])
    expect(fivePriorityOf(null, 10)).toBe('Lowest')
    const rows = records(exportBacklog(withRankedItems(10), 'jira', baseUrl))
    expect(rows.map((r) => r.Priority)).toEqual([
      ...['Highest', 'Highest', 'High', 'High', 'Medium', 'Medium', 'Low', 'Low'],
      ...['Lowest', 'Lowest', 'Lowest'],
    ])
  })

  it('Linear: High, Medium, Low by thirds, No priority when not voted yet', () => {
    const rows = records(exportBacklog(withRankedItems(6), 'linear', baseUrl))
    expect(rows.map((r) => r.Priority)).toEqual([
      ...['High', 'High', 'Medium', 'Medium', 'Low', 'Low'],
      'No priority',
    ])
  })

  it('GitHub: a priority label by fifths, not-voted-yet instead when not ranked', () => {
    const file = JSON.parse(
      exportBacklog(withRankedItems(5), 'github', baseUrl),
    ) as GithubIssuesFile
    expect(file.issues.map((i) => i.labels.find((l) => l.startsWith('priority-')))).toEqual([
      'priority-highest',
      'priority-high',
      'priority-medium',
      'priority-low',
      'priority-lowest',
      undefined,
    ])
    expect(file.issues.at(-1)?.labels).toContain('not-voted-yet')
  })
})

describe('labels and titles', () => {
  it.each([
    ['phase', 'Environments & infrastructure', 'phase-environments-infrastructure'],
    ['system', 'Jira service desk', 'system-jira-service-desk'],
    ['phase', 'Équipe Ops, "prod"', 'phase-équipe-ops-prod'],
    ['system', 'ＳＡＰ　ＥＲＰ', 'system-sap-erp'],
    ['system', '=cmd|calc', 'system-cmd-calc'],
    ['phase', 'A'.repeat(80), `phase-${'a'.repeat(44)}`],
    ['system', '🔥 !!', null],
  ] as const)('%s %j → %j', (prefix, name, expected) => {
    expect(labelOf(prefix, name)).toBe(expected)
  })

  it('titles are one line, never empty, and fit every tracker', () => {
    expect(trackerTitle('two\nlines\t here ', 'SL-1')).toBe('two lines here')
    expect(trackerTitle('  ', 'SL-1')).toBe('Untitled item SL-1')
    const long = trackerTitle('x'.repeat(400), 'SL-1')
    expect(long).toHaveLength(trackerTitleMax)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('Jira CSV', () => {
  const csv = exportBacklog(backlog, 'jira', baseUrl)
  const rows = records(csv)

  it('has Jira’s own headers, one Labels column per label, and no byte-order mark', () => {
    expect(csv.startsWith('Summary,Issue Type,Priority,Description,Labels,Labels,Labels\r\n')).toBe(
      true,
    )
    expect(rows).toHaveLength(backlog.items.length + backlog.unranked.length)
    expect(rows[0]).toMatchObject({
      Summary: 'VM provisioning',
      'Issue Type': 'Task',
      Priority: 'Highest',
      Labels: ['stormline', 'phase-environments-infrastructure', 'system-jira-service-desk'],
    })
    expect(rows.at(-1)).toMatchObject({
      Summary: 'Staging data is months old',
      Priority: 'Lowest',
      Labels: ['stormline', 'not-voted-yet', 'phase-release'],
    })
    for (const row of rows) {
      for (const label of row.Labels as string[]) expect(label).toMatch(/^[\p{L}\p{N}-]+$/u)
    }
  })

  it('describes each item with its rank, evidence, deep-dive notes and a link to the board', () => {
    const description = rows[0]?.Description as string
    expect(description).toContain('*Rank 1 of 4* in the discovery backlog of')
    expect(description).toContain(
      `[Open on the Stormline board|${baseUrl}/b/${workshopBoard.id}?focus=cluster%3Avm]`,
    )
    expect(description).toContain(
      '* VM requests take two weeks — Ada, Environments & infrastructure (needs deep-dive)\n' +
        '** Deep-dive note: Tickets wait in the network team queue',
    )
    // Line breaks in a sticky become spaces; its markup is escaped.
    expect(description).toContain('* VM request form asks for cost centre \\*and\\* owner — Ben')
    expect(description).toContain('*Systems:* Jira service desk')
  })

  it('escapes Jira wiki markup and keeps links whole', () => {
    expect(escapeJiraWiki('[~admin] {html}x{html} !a.png! a|b *b* h1. \\\\ end\nnext')).toBe(
      '\\[\\~admin\\] \\{html\\}x\\{html\\} \\!a.png\\! a\\|b \\*b\\* h1. ＼＼ end next',
    )
    expect(jiraUrl('https://h/b/id?focus=a]|[b! c')).toBe('https://h/b/id?focus=a%5D%7C%5Bb%21%20c')
  })
})

describe('Linear CSV', () => {
  const csv = exportBacklog(backlog, 'linear', baseUrl)
  const rows = records(csv)

  it('has the columns of Linear’s export, comma-separated labels and no byte-order mark', () => {
    expect(csv.startsWith('Title,Description,Priority,Status,Labels\r\n')).toBe(true)
    expect(rows[0]).toMatchObject({
      Title: 'VM provisioning',
      Priority: 'High',
      Status: 'Backlog',
      Labels: 'stormline, phase-environments-infrastructure, system-jira-service-desk',
    })
    expect(rows.at(-1)).toMatchObject({ Priority: 'No priority', Status: 'Backlog' })
  })

  it('describes each item in Markdown with its evidence and a link to the board', () => {
    const description = rows[0]?.Description as string
    expect(description).toContain('**Rank 1 of 4** in the discovery backlog of')
    expect(description).toContain(
      `[Open on the Stormline board](${baseUrl}/b/${workshopBoard.id}?focus=cluster%3Avm)`,
    )
    expect(description).toContain(
      '- VM requests take two weeks — Ada, Environments & infrastructure · needs deep-dive\n' +
        '  - **Deep-dive note:** Tickets wait',
    )
  })
})

describe('GitHub issues file', () => {
  const file = JSON.parse(exportBacklog(backlog, 'github', baseUrl)) as GithubIssuesFile

  it('holds each issue’s title, body and labels, best first, and every label once', () => {
    expect(file.schemaVersion).toBe(1)
    expect(file.board).toEqual({
      id: workshopBoard.id,
      name: workshopBoard.name,
      link: `${baseUrl}/b/${workshopBoard.id}`,
    })
    expect(file.issues.map((i) => i.rank)).toEqual([1, 2, 3, 4, null])
    expect(file.issues.map((i) => i.itemId)).toEqual([
      ...backlog.items.map((i) => i.itemId),
      ...backlog.unranked.map((p) => p.itemId),
    ])
    expect(file.labels).toEqual([...new Set(file.issues.flatMap((i) => i.labels))].sort())
    expect(file.issues[0]?.body).toContain(
      `[Open on the Stormline board](${baseUrl}/b/${workshopBoard.id}?focus=cluster%3Avm)`,
    )
  })

  it('documents its import loop in the README, word for word', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(githubImportLoop)
  })
})

describe('tracker files share read-only access like the other exports', () => {
  it.each(trackerFormats)('%s: every item link carries the viewer token', (format) => {
    // The GitHub file writes & as \u0026 (HTML-safe JSON).
    const file = exportBacklog(backlog, format, baseUrl, { viewerToken: token }).replaceAll(
      '\\u0026',
      '&',
    )
    const links = file.match(/https:\/\/stormline\.example\.org\/b\/[^\s)\]",]+/g) ?? []
    // Every item and every pain point not voted yet.
    expect(links.length).toBeGreaterThanOrEqual(backlog.items.length + backlog.unranked.length)
    for (const link of links) expect(link).toMatch(new RegExp(`[?&]token=${token}$`))
    expect(file).toContain(`?focus=cluster%3Avm&token=${token}`)
    expect(exportBacklog(backlog, format, baseUrl)).not.toContain('token=')
  })

  it.each(trackerFormats)('%s: is served as CSV or JSON', (format) => {
    expect(backlogMediaTypes[format]).toBe(
      format === 'github' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
    )
  })
})

describe('long descriptions', () => {
  it('leave out whole pain points past the tracker’s limit and say how many', () => {
    const first = backlog.items[0] as BacklogItem
    const evidence = Array.from({ length: 400 }, (_, i) => ({
      ...(first.evidence[0] as BacklogItem['evidence'][number]),
      stickyId: `shape:${i}`,
      text: `Pain point ${i} ${'x'.repeat(200)}`,
    }))
    const big: Backlog = { ...backlog, items: [{ ...first, evidence }], unranked: [] }
    const jira = records(exportBacklog(big, 'jira', baseUrl))[0]?.Description as string
    expect(jira.length).toBeLessThanOrEqual(32_000)
    expect(jira).toMatch(/\n\* … and \d+ more pain points on the board\n\nStormline item /)
    const github = JSON.parse(exportBacklog(big, 'github', baseUrl)) as GithubIssuesFile
    const body = github.issues[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_000)
    expect(body).toMatch(/\n- … and \d+ more pain points on the board\n\nStormline item /)
    // Every pain point is either listed or counted.
    const listed = (body.match(/^- Pain point \d+/gm) ?? []).length
    const counted = Number(body.match(/and (\d+) more/)?.[1])
    expect(listed + counted).toBe(400)
  })
})
