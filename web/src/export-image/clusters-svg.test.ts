import { describe, expect, it } from 'vitest'
import {
  type BoardMarks,
  type ClusterMark,
  clusterLabel,
  clustersSvg,
  escapeXml,
  estimateTextWidth,
  injectIntoSvg,
  marksBounds,
  pageToViewBox,
  svgViewBox,
  wrapText,
} from './clusters-svg.ts'

const vm: ClusterMark = {
  id: 'cluster:vm',
  name: 'VM provisioning',
  outline: { x: 290, y: -610, w: 540, h: 290 },
  votes: 4,
}
const marks: BoardMarks = {
  clusters: [vm],
  stickies: [{ box: { x: 320, y: -580, w: 200, h: 200 }, deepDive: true, votes: null }],
}
const page = { x: 0, y: -800, w: 1000, h: 1000 }

/** What a reader of the file gets as text: every text node, tags dropped. */
const textOf = (svg: string): string =>
  svg
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

describe('clustersSvg', () => {
  it('draws each outline in page space, under the shapes', () => {
    const { under } = clustersSvg(marks, page, page)
    expect(under).toBe(
      '<g data-stormline="cluster-outlines"><rect x="290" y="-610" width="540" height="290" rx="24" fill="#e03131" fill-opacity="0.05" stroke="#e03131" stroke-opacity="0.55" stroke-width="3" stroke-dasharray="12 8"/></g>',
    )
  })

  it('names each cluster above its outline, with the total of a closed vote', () => {
    const { over } = clustersSvg(marks, page, page)
    expect(textOf(over)).toContain('VM provisioning')
    expect(textOf(over)).toContain('4 votes')
    const label = clusterLabel(vm, estimateTextWidth)
    expect(label.box.x).toBe(vm.outline.x)
    expect(label.box.y + label.box.h).toBeLessThan(vm.outline.y)
    expect(over).toContain(`<rect x="${label.box.x}" y="${label.box.y}"`)
  })

  it('shows no vote count while the vote is open (votes: null)', () => {
    const { over } = clustersSvg({ ...marks, clusters: [{ ...vm, votes: null }] }, page, page)
    expect(textOf(over)).toContain('VM provisioning')
    expect(over).not.toMatch(/vote/)
    expect(
      textOf(clustersSvg({ ...marks, clusters: [{ ...vm, votes: 1 }] }, page, page).over),
    ).toContain('1 vote')
  })

  it('flags deep-dive stickies at their top-right corner and counts dots on single pain points', () => {
    const { over } = clustersSvg(
      {
        clusters: [],
        stickies: [
          { box: { x: 0, y: 0, w: 200, h: 200 }, deepDive: true, votes: 3 },
          { box: { x: 400, y: 0, w: 200, h: 200 }, deepDive: false, votes: 1 },
        ],
      },
      page,
      page,
    )
    expect(textOf(over).match(/Deep dive/g)).toHaveLength(1)
    expect(textOf(over)).toContain('3 votes')
    expect(textOf(over)).toContain('1 vote')
    // The deep-dive pill's right edge sits 8 units right of the note, its top 8 above it.
    const pill = over.match(/<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)"/)
    expect(Number(pill?.[1]) + Number(pill?.[3])).toBeCloseTo(208)
    expect(Number(pill?.[2])).toBe(-8)
  })

  it('draws nothing when there is nothing to mark', () => {
    expect(clustersSvg({ clusters: [], stickies: [] }, page, page)).toEqual({ under: '', over: '' })
  })

  it('keeps a hostile cluster name as text: no tag, no attribute, no broken XML', () => {
    const name = '</text><script>alert(1)</script> & "quoted" \u0007'
    const { over } = clustersSvg(
      { clusters: [{ ...vm, id: 'cluster:"x"', name }], stickies: [] },
      page,
      page,
    )
    expect(over).not.toContain('<script')
    expect(over).not.toContain('\u0007')
    expect(over).toContain('data-cluster-id="cluster:&quot;x&quot;"')
    expect(textOf(over)).toContain('</text><script>alert(1)</script> & "quoted"')
  })

  it('maps page space onto a viewBox that is not the page', () => {
    expect(pageToViewBox(page, page)).toBeNull()
    expect(pageToViewBox(page, { x: 0, y: 0, w: 500, h: 500 })).toBe('matrix(0.5 0 0 0.5 0 400)')
    const { under } = clustersSvg(marks, page, { x: 0, y: 0, w: 500, h: 500 })
    expect(under).toContain('transform="matrix(0.5 0 0 0.5 0 400)"')
  })
})

describe('cluster labels', () => {
  it('wrap a long name onto lines as wide as the outline allows, at most three', () => {
    const lines = wrapText(
      'one two three four five six seven eight nine ten',
      100,
      10,
      estimateTextWidth,
      3,
    )
    expect(lines.length).toBe(3)
    for (const line of lines) expect(estimateTextWidth(line, 10)).toBeLessThanOrEqual(100)
    expect(lines[2]?.endsWith('…')).toBe(true)
    expect(wrapText('short', 100, 10, estimateTextWidth, 3)).toEqual(['short'])
  })

  it('keep the whole name as the text of one element, lines joined by spaces', () => {
    const long = { ...vm, name: 'Approvals wait for people who are never in the office' }
    const { over } = clustersSvg({ clusters: [long], stickies: [] }, page, page)
    const name = over.match(/<text[^>]*data-stormline="cluster-name">(.*?)<\/text>/)?.[1] ?? ''
    expect(name.match(/<tspan/g)?.length).toBeGreaterThan(1)
    expect(textOf(name)).toBe(long.name)
  })
})

describe('marksBounds', () => {
  it('covers the outlines, the labels above them and the badges beside the stickies', () => {
    const bounds = marksBounds(marks)
    const label = clusterLabel(vm, estimateTextWidth)
    expect(bounds?.y).toBe(label.box.y)
    expect(bounds?.x).toBe(vm.outline.x)
    expect((bounds?.y ?? 0) + (bounds?.h ?? 0)).toBe(vm.outline.y + vm.outline.h)
    expect(marksBounds({ clusters: [], stickies: [] })).toBeNull()
  })
})

describe('the SVG file', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000" viewBox="0 -800 1000 1000" style="background-color: rgb(249, 250, 251);"><defs></defs><g class="shape">note</g></svg>'

  it('reads the viewBox of the root element', () => {
    expect(svgViewBox(svg)).toEqual(page)
    expect(svgViewBox('<svg width="10"></svg>')).toBeNull()
  })

  it('puts outlines first, under every shape, and names last, above them', () => {
    const out = injectIntoSvg(svg, '<g id="under"/>', '<g id="over"/>')
    expect(out).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000" viewBox="0 -800 1000 1000" style="background-color: rgb(249, 250, 251);"><g id="under"/><defs></defs><g class="shape">note</g><g id="over"/></svg>',
    )
    expect(() => injectIntoSvg('<div></div>', '', '')).toThrow()
  })
})

describe('escapeXml', () => {
  it('escapes markup and drops characters XML does not allow', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u001f`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    )
    expect(escapeXml('Déploiement 🔥\ttab')).toBe('Déploiement 🔥\ttab')
  })
})
