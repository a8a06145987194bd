import { describe, expect, it } from 'vitest'
import type { BoardMapsJson } from './board-maps.ts'
import { buildBacklog } from './build-backlog.ts'
import { exportBacklog } from './export-backlog.ts'
import { csvCell } from './export-csv.ts'
import { escapeMarkdown, markdownUrl } from './export-markdown.ts'
import { escapeJsonForHtml } from './html-safe-json.ts'

/**
 * Sticky text, cluster names, deep-dive notes and display names are written by
 * anyone on a board. Whatever they type must stay inert in every export.
 */

const html = '<img src=x onerror=alert(1)>'
const formula = '=HYPERLINK("http://evil","x")'
const baseUrl = 'https://stormline.example.org'

function pain(id: string, x: number, text: string, author: string, context: string) {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y: 0,
    parentId: 'page:page',
    props: {
      color: 'red',
      richText: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
      },
    },
    meta: { stormline: { kind: 'pain', authorId: `p-${id}`, authorName: author, context } },
  }
}

const hostileMaps: BoardMapsJson = {
  records: Object.fromEntries(
    [
      { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
      pain('shape:html', 0, html, html, html),
      pain('shape:formula', 400, formula, formula, formula),
      pain('shape:lonely', 800, ` ${formula}`, 'Eve', ''),
      pain('shape:odd', 1200, 'Odd one', 'Eve', ''),
      // Nobody voted for these: they are exported unranked, and must be as inert there.
      pain('shape:unvoted-html', 1600, html, html, `${html}\n# heading`),
      pain('shape:unvoted-formula', 2000, formula, formula, formula),
      pain('shape:unvoted-list', 2400, '- [x](javascript:alert(1))', 'Eve', ''),
    ].map((r) => [r.id, r]),
  ),
  session: { vote: { status: 'closed', budget: 5, round: 1 } },
  clusters: {
    'cluster:html': { id: 'cluster:html', name: html, memberIds: ['shape:html'] },
    'cluster:formula': { id: 'cluster:formula', name: formula, memberIds: ['shape:formula'] },
    // A client-chosen id that tries to close the Markdown link around it.
    'cluster:x) [evil](javascript:alert(1)': {
      id: 'cluster:x) [evil](javascript:alert(1)',
      name: 'Odd id',
      memberIds: ['shape:odd'],
    },
  },
  suggestionDecisions: {},
  votes: { 'p-a': { participantName: html, round: 1, dots: { 'shape:lonely': 1 } } },
  assessments: {},
  ballots: {},
}

const backlog = buildBacklog({ id: 'HostileBoard0000000000', name: html }, hostileMaps)

describe('hostile text in exports', () => {
  it('reaches the backlog verbatim (it is data, neutralised only when written out)', () => {
    expect(backlog.items.map((i) => i.title)).toEqual(expect.arrayContaining([html, formula]))
    expect(backlog.unranked.map((p) => p.title)).toEqual([
      html,
      formula,
      '- [x](javascript:alert(1))',
    ])
  })

  it('Markdown: unranked pain points cannot add HTML, links, list items or headings', () => {
    const md = exportBacklog(backlog, 'md', baseUrl)
    const unranked = md.slice(md.indexOf('## Not voted yet'))
    expect(unranked).toContain(`- &lt;img src=x onerror=alert(1)&gt; — &lt;img`)
    expect(unranked).toContain(
      '  - **Deep-dive note:** &lt;img src=x onerror=alert(1)&gt; \\# heading',
    )
    expect(unranked).toContain('- \\- \\[x\\](javascript:alert(1)) — Eve')
    expect(unranked.match(/^## /gm)).toHaveLength(1)
    expect(unranked.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3)
  })

  it('Markdown: no HTML tag, no live link, and each text stays on its own line', () => {
    const md = exportBacklog(backlog, 'md', baseUrl)
    expect(md).not.toContain('<img')
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(md).toContain(`## 1. `)
    expect(md).toContain('=HYPERLINK("http://evil","x")') // harmless in Markdown: plain text
    expect(md).not.toMatch(/(^|[^\\])\]\(javascript:/m)
    expect(md).toContain('focus=cluster%3Ax%29%20%5Bevil%5D%28javascript%3Aalert%281%29')
  })

  it('CSV: every cell that starts a formula is prefixed', () => {
    const csv = exportBacklog(backlog, 'csv', baseUrl)
    const cells = csv.split(/\r\n/).flatMap((line) => line.split(','))
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^\s*[=+@]/)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil""`)
    expect(csv).toContain(html) // inert in a spreadsheet, kept as typed
  })

  it('JSON: text round-trips verbatim but no <, > or & appears in the file', () => {
    const json = exportBacklog(backlog, 'json', baseUrl)
    expect(json).not.toMatch(/[<>&]/)
    expect(json).toContain('\\u003cimg src=x onerror=alert(1)\\u003e')
    const parsed = JSON.parse(json) as typeof backlog
    expect(parsed.board.name).toBe(html)
    expect(parsed.items.map((i) => i.title)).toEqual(backlog.items.map((i) => i.title))
    expect(parsed.items.flatMap((i) => i.evidence.map((e) => e.context))).toEqual(
      expect.arrayContaining([html, formula]),
    )
  })
})

describe('csvCell formula starts', () => {
  it.each([
    ['=1', "'=1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@A1', "'@A1"],
    ['\t1', "'\t1"],
    ['\r1', `"'\r1"`],
    [' =1', "' =1"],
    ['\n=1', `"'\n=1"`],
    ['\u00a0=1', "'\u00a0=1"],
    ['\uff1d1', "'\uff1d1"],
    [' plain', '" plain"'],
    ['a=b', 'a=b'],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })
})

describe('escapeMarkdown', () => {
  it.each([
    [html, '&lt;img src=x onerror=alert(1)&gt;'],
    ['line one\nline two\u2028# three', 'line one line two \\# three'],
    ['- not a list item', '\\- not a list item'],
    ['+ not a list item', '\\+ not a list item'],
    ['1. not a list item', '1\\. not a list item'],
    ['> not a quote', '&gt; not a quote'],
    ['R&D &lt;b&gt; and a & b', 'R&amp;D &amp;lt;b&amp;gt; and a & b'],
    ['`code` *em* _em_ ~~s~~ | [x]', '\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\| \\[x\\]'],
    // Plain text takes a shortcut that only trims: leading blanks must not hide a list marker.
    ['  plain words, nothing to escape  ', 'plain words, nothing to escape'],
    ['\t- after a tab', '\\- after a tab'],
    ['\u00a0 12) after a no-break space', '12\\) after a no-break space'],
    ['\u0085- after a next-line character', '\\- after a next-line character'],
  ])('%j → %j', (value, expected) => {
    expect(escapeMarkdown(value)).toBe(expected)
  })

  it('percent-encodes what could end a link destination', () => {
    expect(markdownUrl('https://h/b/id?focus=a) (b<c>')).toBe(
      'https://h/b/id?focus=a%29%20%28b%3Cc%3E',
    )
  })
})

describe('escapeJsonForHtml', () => {
  it('escapes <, >, & and line separators and parses back to the same value', () => {
    const value = { text: `${html} & </script>\u2028` }
    const json = escapeJsonForHtml(JSON.stringify(value))
    expect(json).toBe(
      '{"text":"\\u003cimg src=x onerror=alert(1)\\u003e \\u0026 \\u003c/script\\u003e\\u2028"}',
    )
    expect(JSON.parse(json)).toEqual(value)
  })
})
