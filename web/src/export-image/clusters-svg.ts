/**
 * What an image export of the board adds to tldraw's own SVG: clusters are an overlay on the
 * canvas (ClusterOutlines), not shapes, so tldraw's export knows nothing of them, and its note
 * does not draw our deep-dive badge either. This module writes them as SVG, in page coordinates
 * mapped into the exported viewBox. Pure: no DOM, no editor; board-marks.ts gathers the input.
 */

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface ClusterMark {
  id: string
  name: string
  /** Around the exported members, in page space (the canvas outline's box). */
  outline: Rect
  /** Dots of a closed vote; null while a vote is open or when there never was one. */
  votes: number | null
}

/** A sticky in the export that needs a mark of its own. */
export interface StickyMark {
  box: Rect
  deepDive: boolean
  /** Dots of a closed vote on a pain point in no cluster; null for none to show. */
  votes: number | null
}

export interface BoardMarks {
  clusters: ClusterMark[]
  stickies: StickyMark[]
}

/** Width of `text` at `fontSize` in the labels' bold sans-serif, in the same units. */
export type MeasureText = (text: string, fontSize: number) => number

/** Without a canvas to measure with: an average bold sans-serif letter is ~0.6 em wide. */
export const estimateTextWidth: MeasureText = (text, fontSize) => text.length * fontSize * 0.6

export const labelFont = "'Helvetica Neue', Helvetica, Arial, sans-serif"
const label = {
  fontSize: 26,
  paddingX: 14,
  paddingY: 8,
  lineHeight: 1.25,
  /** Between the label and the outline it names. */
  gap: 6,
  maxLines: 3,
}
const badge = { fontSize: 14, paddingX: 8, height: 22, offset: 8 }

const colors = {
  outline: '#e03131',
  label: '#c92a2a',
  deepDive: '#1d2433',
  votes: '#c92a2a',
}

/** Text as XML character data or an attribute value; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly these are invalid in XML
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

const votesText = (votes: number): string => `${votes} vote${votes === 1 ? '' : 's'}`

/**
 * The name broken into lines no wider than `width` (words kept whole unless one alone is too
 * wide), at most `maxLines`, the last one cut with an ellipsis when the name goes on.
 */
export function wrapText(
  text: string,
  width: number,
  fontSize: number,
  measure: MeasureText,
  maxLines: number,
): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ')
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (line === '' || measure(candidate, fontSize) <= width) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line !== '') lines.push(line)
  const fitted = lines.map((l) => fitLine(l, width, fontSize, measure))
  if (fitted.length <= maxLines) return fitted
  const kept = fitted.slice(0, maxLines)
  kept[maxLines - 1] = fitLine(
    `${kept[maxLines - 1]} ${fitted[maxLines]}`,
    width,
    fontSize,
    measure,
    true,
  )
  return kept
}

/** One line cut with an ellipsis to `width` (always, when `more` says the text goes on). */
function fitLine(
  line: string,
  width: number,
  fontSize: number,
  measure: MeasureText,
  more = false,
): string {
  if (!more && measure(line, fontSize) <= width) return line
  let cut = line
  while (cut.length > 1 && measure(`${cut}…`, fontSize) > width) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}

interface LabelLayout {
  box: Rect
  lines: string[]
}

/** The label sits on the outline's top edge, left-aligned with it, as on the canvas. */
export function clusterLabel(cluster: ClusterMark, measure: MeasureText): LabelLayout {
  const maxText = Math.max(cluster.outline.w, 12 * label.fontSize) - 2 * label.paddingX
  const lines = wrapText(cluster.name, maxText, label.fontSize, measure, label.maxLines)
  if (cluster.votes !== null) lines.push(votesText(cluster.votes))
  const textWidth = Math.max(...lines.map((l) => measure(l, label.fontSize)))
  const w = Math.min(maxText, textWidth) + 2 * label.paddingX
  const h = lines.length * label.fontSize * label.lineHeight + 2 * label.paddingY
  return {
    box: { x: cluster.outline.x, y: cluster.outline.y - label.gap - h, w, h },
    lines,
  }
}

interface Badge {
  box: Rect
  text: string
  fill: string
}

function stickyBadges(sticky: StickyMark, measure: MeasureText): Badge[] {
  const badges: Badge[] = []
  const pill = (text: string, fill: string, right: number, top: number): Badge => {
    const w = measure(text, badge.fontSize) + 2 * badge.paddingX
    return { box: { x: right - w, y: top, w, h: badge.height }, text, fill }
  }
  const { box } = sticky
  // Where the canvas draws the badge: over the note's top-right corner.
  if (sticky.deepDive) {
    badges.push(
      pill('Deep dive', colors.deepDive, box.x + box.w + badge.offset, box.y - badge.offset),
    )
  }
  if (sticky.votes !== null && sticky.votes > 0) {
    badges.push(
      pill(
        votesText(sticky.votes),
        colors.votes,
        box.x + box.w + badge.offset,
        box.y + box.h - badge.height + badge.offset,
      ),
    )
  }
  return badges
}

function union(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null
  const minX = Math.min(...rects.map((r) => r.x))
  const minY = Math.min(...rects.map((r) => r.y))
  const maxX = Math.max(...rects.map((r) => r.x + r.w))
  const maxY = Math.max(...rects.map((r) => r.y + r.h))
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/** The page area the marks cover (outlines, labels, badges), to widen the export to; null without marks. */
export function marksBounds(
  marks: BoardMarks,
  measure: MeasureText = estimateTextWidth,
): Rect | null {
  return union([
    ...marks.clusters.flatMap((c) => [c.outline, clusterLabel(c, measure).box]),
    ...marks.stickies.flatMap((s) => stickyBadges(s, measure).map((b) => b.box)),
  ])
}

/** The smallest box around all of them. */
export function unionRects(rects: readonly (Rect | null)[]): Rect | null {
  return union(rects.filter((r): r is Rect => r !== null))
}

const n = (value: number): string => String(Math.round(value * 100) / 100)

/** `transform` mapping page space (`page`, the area exported) onto the SVG's viewBox. */
export function pageToViewBox(page: Rect, viewBox: Rect): string | null {
  const a = viewBox.w / page.w
  const d = viewBox.h / page.h
  const e = viewBox.x - page.x * a
  const f = viewBox.y - page.y * d
  if (![a, d, e, f].every(Number.isFinite)) return null
  const identity = Math.abs(a - 1) < 1e-9 && Math.abs(d - 1) < 1e-9 && e === 0 && f === 0
  return identity ? null : `matrix(${n(a)} 0 0 ${n(d)} ${n(e)} ${n(f)})`
}

function text(
  x: number,
  y: number,
  size: number,
  content: string,
  { weight = 700, extra = '' }: { weight?: number; extra?: string } = {},
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-family="${escapeXml(labelFont)}" font-size="${size}" font-weight="${weight}" fill="#ffffff"${extra}>${content}</text>`
}

function pillSvg(b: Badge): string {
  return (
    `<rect x="${n(b.box.x)}" y="${n(b.box.y)}" width="${n(b.box.w)}" height="${n(b.box.h)}" rx="${n(b.box.h / 2)}" fill="${b.fill}"/>` +
    text(b.box.x + badge.paddingX, b.box.y + b.box.h / 2, badge.fontSize, escapeXml(b.text), {
      extra: ' dominant-baseline="central"',
    })
  )
}

function labelSvg(cluster: ClusterMark, measure: MeasureText): string {
  const { box, lines } = clusterLabel(cluster, measure)
  const step = label.fontSize * label.lineHeight
  const nameLines = cluster.votes === null ? lines : lines.slice(0, -1)
  // One <text> for the name (its lines as tspans, each but the last ending in a space), so the
  // name reads whole in the file's text; the vote count is a text of its own.
  const name = nameLines
    .map(
      (line, i) =>
        `<tspan x="${n(box.x + label.paddingX)}" y="${n(box.y + label.paddingY + (i + 0.8) * step)}">${escapeXml(line)}${i < nameLines.length - 1 ? ' ' : ''}</tspan>`,
    )
    .join('')
  const votes =
    cluster.votes === null
      ? ''
      : text(
          box.x + label.paddingX,
          box.y + label.paddingY + (nameLines.length + 0.8) * step,
          label.fontSize,
          escapeXml(votesText(cluster.votes)),
          { weight: 400, extra: ' data-stormline="cluster-votes"' },
        )
  return (
    `<g data-cluster-id="${escapeXml(cluster.id)}">` +
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="${n(label.fontSize * 0.6)}" fill="${colors.label}" fill-opacity="0.92"/>` +
    `<text font-family="${escapeXml(labelFont)}" font-size="${label.fontSize}" font-weight="700" fill="#ffffff" data-stormline="cluster-name">${name}</text>` +
    votes +
    '</g>'
  )
}

function outlineSvg(cluster: ClusterMark): string {
  const o = cluster.outline
  return `<rect x="${n(o.x)}" y="${n(o.y)}" width="${n(o.w)}" height="${n(o.h)}" rx="24" fill="${colors.outline}" fill-opacity="0.05" stroke="${colors.outline}" stroke-opacity="0.55" stroke-width="3" stroke-dasharray="12 8"/>`
}

/**
 * The marks as two SVG groups: `under` the shapes (outlines, as on the canvas) and `over` them
 * (cluster names with their vote totals, deep-dive and vote badges), both drawn in page space
 * and mapped onto the export's viewBox. Empty strings when there is nothing to draw.
 */
export function clustersSvg(
  marks: BoardMarks,
  page: Rect,
  viewBox: Rect,
  measure: MeasureText = estimateTextWidth,
): { under: string; over: string } {
  const transform = pageToViewBox(page, viewBox)
  const group = (kind: string, content: string): string =>
    content === ''
      ? ''
      : `<g data-stormline="${kind}"${transform === null ? '' : ` transform="${transform}"`}>${content}</g>`
  return {
    under: group('cluster-outlines', marks.clusters.map(outlineSvg).join('')),
    over: group(
      'board-marks',
      marks.clusters.map((c) => labelSvg(c, measure)).join('') +
        marks.stickies.flatMap((s) => stickyBadges(s, measure).map(pillSvg)).join(''),
    ),
  }
}

/** The viewBox of an SVG document's root element, or null when it has none that reads. */
export function svgViewBox(svg: string): Rect | null {
  const root = svg.match(/<svg\b[^>]*>/)?.[0]
  const values = root
    ?.match(/\sviewBox="([^"]+)"/)?.[1]
    ?.trim()
    .split(/[\s,]+/)
    .map(Number)
  if (values?.length !== 4 || !values.every(Number.isFinite)) return null
  const [x = 0, y = 0, w = 0, h = 0] = values
  return w > 0 && h > 0 ? { x, y, w, h } : null
}

/** `under` as the root's first content (below every shape), `over` as its last (above them). */
export function injectIntoSvg(svg: string, under: string, over: string): string {
  const open = svg.match(/<svg\b[^>]*>/)
  const close = svg.lastIndexOf('</svg>')
  if (open?.index === undefined || close < 0) throw new Error('Not an SVG document')
  const start = open.index + open[0].length
  return `${svg.slice(0, start)}${under}${svg.slice(start, close)}${over}${svg.slice(close)}`
}
