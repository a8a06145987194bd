import { describe, expect, it } from 'vitest'
import { buildBacklog } from './build-backlog.ts'
import { backlogFileName, backlogFormats, exportBacklog } from './export-backlog.ts'
import { csvCell } from './export-csv.ts'
import { escapeMarkdown } from './export-markdown.ts'
import { backlogItemId } from './stable-id.ts'
import { workshopBoard, workshopMaps } from './workshop-fixture.ts'

const baseUrl = 'https://stormline.example.org'
const backlog = buildBacklog(workshopBoard, workshopMaps)

describe('golden exports of the workshop fixture', () => {
  it.each([
    ['md', 'backlog.md'],
    ['csv', 'backlog.csv'],
    ['json', 'backlog.json'],
    ['jira', 'backlog-jira.csv'],
    ['github', 'backlog-github.json'],
    ['linear', 'backlog-linear.csv'],
  ] as const)('%s matches its golden file %s', async (format, golden) => {
    await expect(exportBacklog(backlog, format, `${baseUrl}/`)).toMatchFileSnapshot(
      `golden/${golden}`,
    )
  })
})

describe('CSV cells', () => {
  it.each([
    ['plain text', 'Slow approvals', 'Slow approvals'],
    ['a number', 9.35, '9.35'],
    ['a comma', 'VMs, firewalls', '"VMs, firewalls"'],
    ['quotes', 'the "CAB"', '"the ""CAB"""'],
    ['a newline', 'two\nlines', '"two\nlines"'],
    ['leading space', ' padded', '" padded"'],
    ['a formula with =', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a formula with +', '+1+1', "'+1+1"],
    ['a formula with -', '-2 days', "'-2 days"],
    ['a formula with @', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading CR', '\r=1', `"'\r=1"`],
    ['emoji and accents', 'Déploiement 🔥', 'Déploiement 🔥'],
  ] as const)('quotes and neutralises %s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('starts with a BOM, uses CRLF rows and neutralises sticky text that looks like a formula', () => {
    const csv = exportBacklog(backlog, 'csv', baseUrl)
    expect(csv.startsWith('\uFEFFrank,item_id,title,')).toBe(true)
    expect(csv.split('\r\n')).toHaveLength(backlog.items.length + backlog.unranked.length + 2)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`)
    expect(csv).not.toMatch(/,=HYPERLINK/)
  })
})

describe('Markdown', () => {
  it('escapes sticky text so it cannot add headings, links or HTML', () => {
    expect(escapeMarkdown('# Not a heading [link](javascript:alert(1)) <b>x</b>')).toBe(
      '\\# Not a heading \\[link\\](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt;',
    )
    const md = exportBacklog(backlog, 'md', baseUrl)
    // Only an escaped bracket may precede the URL: no live link.
    expect(md).not.toMatch(/(^|[^\\])\]\(javascript:/m)
    expect(md).toContain('\\[link\\](javascript:')
    expect(md).not.toContain('<b>')
  })

  it('has one section per item with its rank, evidence and a link back to the board', () => {
    const md = exportBacklog(backlog, 'md', baseUrl)
    expect(md.match(/^## \d+\. /gm)).toHaveLength(backlog.items.length)
    expect(md).toContain('## 1. VM provisioning')
    expect(md).toContain(`(${baseUrl}/b/${workshopBoard.id}?focus=cluster%3Avm)`)
    expect(md).toContain(
      '> VM requests take two weeks — Ada, Environments & infrastructure · needs deep-dive',
    )
    expect(md).toContain('Tickets wait in the network team queue')
  })
})

describe('unranked pain points ("Not voted yet")', () => {
  it('Markdown lists them after the ranked items, unnumbered, with their note and link', () => {
    const md = exportBacklog(backlog, 'md', baseUrl)
    const unranked = md.slice(md.indexOf('## Not voted yet'))
    expect(md.indexOf('## Not voted yet')).toBeGreaterThan(md.indexOf('## 4. '))
    expect(unranked).toContain(
      `- Staging data is months old — Dan, Release · needs deep-dive · [open pain point](${baseUrl}/b/${workshopBoard.id}?focus=shape%3Apain-staging)`,
    )
    expect(unranked).toContain('  - **Deep-dive note:** Refreshed by hand, when someone remembers.')
    expect(md.match(/^## \d+\. /gm)).toHaveLength(backlog.items.length)
  })

  it('CSV gives them rows with an empty rank and score and the status "unranked"', () => {
    const rows = exportBacklog(backlog, 'csv', baseUrl)
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    expect(rows[0]).toMatch(/,link,status$/)
    expect(rows.filter((r) => r.endsWith(',ranked'))).toHaveLength(backlog.items.length)
    const staging = rows.find((r) => r.includes('Staging data'))
    expect(staging).toMatch(/^,SL-[0-9A-Z]+,Staging data is months old,,,,0,1,1,Release,/)
    expect(staging).toMatch(/focus=shape%3Apain-staging,unranked$/)
  })

  it('JSON keeps them in their own array, beside the ranked items', () => {
    const json = JSON.parse(exportBacklog(backlog, 'json', baseUrl)) as typeof backlog
    expect(json.items.map((i) => i.targetId)).not.toContain('shape:pain-staging')
    expect(json.unranked).toEqual([
      expect.objectContaining({
        targetId: 'shape:pain-staging',
        itemId: backlogItemId('shape:pain-staging'),
        link: `${baseUrl}/b/${workshopBoard.id}?focus=shape%3Apain-staging`,
      }),
    ])
  })

  it('leaves out the section when every pain point is ranked', () => {
    const md = exportBacklog({ ...backlog, unranked: [] }, 'md', baseUrl)
    expect(md).not.toContain('Not voted yet')
  })
})

describe('links that share read-only access', () => {
  const token = 'V1ewerTokenV1ewerTokenV1ewerTok_'

  it.each(['md', 'csv'] as const)('%s: every board link carries the viewer token', (format) => {
    const file = exportBacklog(backlog, format, baseUrl, { viewerToken: token })
    const links = file.match(/https:\/\/stormline\.example\.org\/b\/[^\s)",]+/g) ?? []
    // Every item, every unranked pain point, and in Markdown the board itself.
    expect(links.length).toBeGreaterThanOrEqual(backlog.items.length + backlog.unranked.length)
    for (const link of links) expect(link).toMatch(new RegExp(`[?&]token=${token}$`))
    expect(file).toContain(`?focus=cluster%3Avm&token=${token}`)
  })

  it('json: every link carries the viewer token (its & written HTML-safe)', () => {
    const file = exportBacklog(backlog, 'json', baseUrl, { viewerToken: token })
    const json = JSON.parse(file) as typeof backlog
    for (const { link } of [...json.items, ...json.unranked]) {
      expect(link).toMatch(
        new RegExp(`^${baseUrl}/b/${workshopBoard.id}\\?focus=[^&]+&token=${token}$`),
      )
    }
    expect(file).not.toMatch(/[<>&]/)
  })

  it('Markdown opens the board itself read-only too', () => {
    const md = exportBacklog(backlog, 'md', baseUrl, { viewerToken: token })
    expect(md).toContain(`[Open the board](${baseUrl}/b/${workshopBoard.id}?token=${token})`)
  })

  it('are plain without a token: nobody gets access from the file', () => {
    for (const format of backlogFormats) {
      expect(exportBacklog(backlog, format, baseUrl, { viewerToken: null })).not.toContain('token=')
      expect(exportBacklog(backlog, format, baseUrl)).toBe(
        exportBacklog(backlog, format, baseUrl, { viewerToken: null }),
      )
    }
  })
})

describe('JSON', () => {
  it('is versioned and carries absolute links and stable item ids', () => {
    const json = JSON.parse(exportBacklog(backlog, 'json', baseUrl)) as typeof backlog
    expect(json.schemaVersion).toBe(1)
    expect(json.items[0]?.link).toBe(`${baseUrl}/b/${workshopBoard.id}?focus=cluster%3Avm`)
    expect(json.items.map((i) => i.itemId)).toEqual(backlog.items.map((i) => i.itemId))
  })
})

describe('backlogFileName', () => {
  it.each([
    ['Path to production: payments', 'md', 'path-to-production-payments-backlog.md'],
    ['Équipe 🔥 / Ops', 'csv', 'equipe-ops-backlog.csv'],
    ['', 'json', 'board-backlog.json'],
    ['Path to production: payments', 'jira', 'path-to-production-payments-backlog-jira.csv'],
    ['Path to production: payments', 'github', 'path-to-production-payments-backlog-github.json'],
    ['Path to production: payments', 'linear', 'path-to-production-payments-backlog-linear.csv'],
  ] as const)('%s → %s', (name, format, expected) => {
    expect(backlogFileName(name, format)).toBe(expected)
  })
})
