import { type ClusterRecord, readCluster } from '@stormline/shared/backlog/clusters'

export { visibleClusters } from '@stormline/shared/backlog/clusters'

/** Every stored cluster by id, read defensively (edits work on these, not on the visible view). */
export function storedClusters(
  raw: Readonly<Record<string, unknown>>,
): Record<string, ClusterRecord> {
  const clusters: Record<string, ClusterRecord> = {}
  for (const [key, value] of Object.entries(raw)) {
    const cluster = readCluster(value)
    if (cluster !== null && cluster.id === key) clusters[key] = cluster
  }
  return clusters
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** The box around all members, grown by `padding` on every side; null without members. */
export function outlineAround(bounds: readonly Rect[], padding: number): Rect | null {
  if (bounds.length === 0) return null
  const minX = Math.min(...bounds.map((b) => b.x))
  const minY = Math.min(...bounds.map((b) => b.y))
  const maxX = Math.max(...bounds.map((b) => b.x + b.w))
  const maxY = Math.max(...bounds.map((b) => b.y + b.h))
  return {
    x: minX - padding,
    y: minY - padding,
    w: maxX - minX + 2 * padding,
    h: maxY - minY + 2 * padding,
  }
}

export function newClusterId(random: () => string = () => crypto.randomUUID()): string {
  return `cluster:${random().replaceAll('-', '').slice(0, 16)}`
}

/**
 * Cluster labels on the canvas, laid out so they stay readable and never cover one another:
 * each label sits above its outline, as wide as the outline (at least `minWidthEm` characters'
 * room), its name wrapping onto up to `maxLines` lines. Labels that would overlap move aside:
 * the lower outline keeps its label in place, the other moves right along the same row when it
 * can stay over its own outline, else up above the one in its way. The canvas
 * (ClusterOutlines) and the image export use these slots, so both draw the same picture.
 *
 * All sizes are in page units and proportional to the label's font size; the canvas picks a
 * font size from the zoom, so labels keep a readable size on screen.
 */
export const labelStyle = {
  /** Line height of the name, in ems. */
  lineHeight: 1.2,
  /** Padding above and below the text, in ems (each side). */
  paddingY: 0.2,
  /** Padding left and right of the text, in ems (each side). */
  paddingX: 0.6,
  /** The row under the name that shows dots and vote counts, in ems. */
  rowHeight: 1.5,
  /** Between a label and its outline, and between stacked labels, in ems. */
  gap: 0.25,
  /** A generous average glyph width of the bold label font, in ems: wrapping is estimated. */
  glyphWidth: 0.62,
  minWidthEm: 10,
  maxLines: 3,
} as const

export interface LabelInput {
  id: string
  name: string
  box: Rect
  /** Whether the label shows the row with dots or vote counts. */
  withRow: boolean
}

export interface LabelSlot {
  id: string
  /** The slot's box in page space: the label is drawn inside it, bottom-aligned. */
  box: Rect
  /** Lines the name may take; longer names end in an ellipsis (the full name is its title). */
  lines: number
}

/** How many lines a name takes in a label of the given inner width (estimated, 1..maxLines). */
export function nameLines(name: string, innerWidth: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(innerWidth / (labelStyle.glyphWidth * fontSize)))
  // Whole words wrap: count them onto lines as the browser would, so a long word starts a line.
  let lines = 1
  let used = 0
  for (const word of name.split(/\s+/).filter((w) => w !== '')) {
    const length = word.length
    const needed = used === 0 ? length : used + 1 + length
    if (needed <= perLine) {
      used = needed
      continue
    }
    if (used > 0) lines += 1
    // A word longer than a line breaks anywhere (overflow-wrap), over as many lines as it needs.
    lines += Math.floor(Math.max(0, length - 1) / perLine)
    used = length % perLine === 0 ? perLine : length % perLine
  }
  return Math.min(labelStyle.maxLines, Math.max(1, lines))
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return (
    a.x < b.x + b.w + margin &&
    b.x < a.x + a.w + margin &&
    a.y < b.y + b.h + margin &&
    b.y < a.y + a.h + margin
  )
}

/**
 * Places every label above its outline. A label whose place is taken first tries the same row
 * just right of the labels in its way, as long as it still starts over its own outline; only
 * then is it stacked upwards, above the label it meets.
 */
export function layoutLabels(labels: readonly LabelInput[], fontSize: number): LabelSlot[] {
  const s = labelStyle
  const gap = s.gap * fontSize
  const order = [...labels].sort(
    (a, b) => b.box.y - a.box.y || a.box.x - b.box.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  const placed: LabelSlot[] = []
  const free = (box: Rect): boolean => placed.every((other) => !overlaps(other.box, box, gap / 2))
  for (const label of order) {
    const w = Math.max(label.box.w, s.minWidthEm * fontSize)
    const lines = nameLines(label.name, w - 2 * s.paddingX * fontSize, fontSize)
    const h = (2 * s.paddingY + lines * s.lineHeight + (label.withRow ? s.rowHeight : 0)) * fontSize
    const natural: Rect = { x: label.box.x, y: label.box.y - gap - h, w, h }
    // Right of whatever is in the way, still starting over its own outline.
    const lastStart = label.box.x + label.box.w - 3 * fontSize
    const beside = placed
      .filter((other) => overlaps(other.box, natural, gap / 2))
      .map((other): Rect => ({ ...natural, x: other.box.x + other.box.w + gap }))
      .filter((box) => box.x <= lastStart)
      .sort((a, b) => a.x - b.x)
    const box = [natural, ...beside].find(free) ?? { ...natural }
    // Each move puts the slot above one placed label, so this ends after at most n moves.
    for (;;) {
      const hit = placed.find((other) => overlaps(other.box, box, gap / 2))
      if (hit === undefined) break
      box.y = hit.box.y - gap - h
    }
    placed.push({ id: label.id, box, lines })
  }
  return labels.flatMap((label) => placed.find((slot) => slot.id === label.id) ?? [])
}

/** Page units between a cluster's members and its outline. */
export const outlinePadding = 30

/** Label font size and outline stroke at a zoom level: readable on screen whatever the zoom. */
export function clusterSizes(zoom: number): { fontSize: number; stroke: number } {
  return {
    fontSize: Math.min(60, Math.max(18, 15 / zoom)),
    stroke: Math.min(8, Math.max(3, 2 / zoom)),
  }
}

/** An outline's style: placed on its box in page space, with the stroke for the zoom. */
export function outlineStyle(
  box: Rect,
  stroke: number,
): { transform: string; width: number; height: number; borderWidth: number } {
  return {
    transform: `translate(${box.x}px, ${box.y}px)`,
    width: box.w,
    height: box.h,
    borderWidth: stroke,
  }
}

/** A label's style in its slot: bottom-aligned, so a name grows upwards away from its outline. */
export function labelSlotStyle(
  slot: LabelSlot,
  fontSize: number,
): { transform: string; fontSize: number; maxWidth: number; maxHeight: number; padding: string } {
  return {
    transform: `translate(${slot.box.x}px, ${slot.box.y + slot.box.h}px) translateY(-100%)`,
    fontSize,
    maxWidth: slot.box.w,
    maxHeight: slot.box.h,
    padding: `${labelStyle.paddingY}em ${labelStyle.paddingX}em`,
  }
}
