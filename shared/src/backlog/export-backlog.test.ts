import { describe, expect, it } from 'vitest'
import { buildBacklog } from './build-backlog.ts'
import { backlogFileName, exportBacklog } from './export-backlog.ts'
import { csvCell } from './export-csv.ts'
import { escapeMarkdown } from './export-markdown.ts'
import { workshopBoard, workshopMaps } from './workshop-fixture.ts'

const baseUrl = 'https://stormline.example.org'
const backlog = buildBacklog(workshopBoard, workshopMaps)

describe('golden exports of the workshop fixture', () => {
  it.each(['md', 'csv', 'json'] as const)('%s matches its golden file', async (format) => {
    await expect(exportBacklog(backlog, format, `${baseUrl}/`)).toMatchFileSnapshot(
      `golden/backlog.${format}`,
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
    expect(csv.split('\r\n')).toHaveLength(backlog.items.length + 2)
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
  ] as const)('%s → %s', (name, format, expected) => {
    expect(backlogFileName(name, format)).toBe(expected)
  })
})
