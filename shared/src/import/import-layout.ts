import { type Box, gap } from '../board/geometry.ts'
import type { TimelineModel } from '../board/read-board.ts'

/**
 * Where imported stickies go: each in the column of its phase, below the timeline, in reading
 * order (left to right as the phase is wide enough, then down), skipping every place where it
 * would touch a sticky already on the board or one placed before it. Stickies without a phase
 * (a board without a timeline) go in a block of their own: right of the timeline, or at the
 * page's origin.
 */

/** A new note's side at scale 1 (tldraw's note). */
export const importedNoteSize = 200
/** The space kept between any two stickies. */
export const importMargin = 24
/** Stickies side by side in the column of stickies without a phase. */
const loosePerRow = 5

const step = importedNoteSize + importMargin

interface Column {
  x: number
  y: number
  perRow: number
  /** The first slot not yet tried: slots before it are taken. */
  next: number
}

export interface LayoutInput {
  timeline: TimelineModel | null
  /** Boxes of everything new stickies must not touch (the stickies on the board). */
  occupied: readonly Box[]
}

/** Top-left corners for stickies asking, in order, for these phase ids (null: no phase). */
export function layoutImported(
  input: LayoutInput,
  phases: readonly (string | null)[],
): { x: number; y: number }[] {
  const taken: Box[] = [...input.occupied]
  const columns = new Map<string | null, Column>()
  const timeline = input.timeline
  const top = timeline ? timeline.bounds.y + timeline.bounds.h + importMargin : 0

  const columnFor = (phaseId: string | null): Column => {
    const existing = columns.get(phaseId)
    if (existing) return existing
    const span = timeline?.phases.find((p) => p.id === phaseId)
    let column: Column
    if (span) {
      const width = span.endX - span.startX
      const perRow = Math.max(1, Math.floor((width - importMargin) / step))
      // Centred in the phase, so a sticky's centre (what decides its phase) stays inside it.
      const used = perRow * step - importMargin
      column = { x: span.startX + Math.max(0, (width - used) / 2), y: top, perRow, next: 0 }
    } else {
      const x = timeline ? timeline.bounds.x + timeline.bounds.w + 2 * importMargin : 0
      column = { x, y: top, perRow: loosePerRow, next: 0 }
    }
    columns.set(phaseId, column)
    return column
  }

  return phases.map((phaseId) => {
    const column = columnFor(phaseId)
    for (;;) {
      const slot = column.next++
      const box: Box = {
        x: column.x + (slot % column.perRow) * step,
        y: column.y + Math.floor(slot / column.perRow) * step,
        w: importedNoteSize,
        h: importedNoteSize,
      }
      if (taken.some((other) => overlapsOrTouches(box, other))) continue
      taken.push(box)
      return { x: box.x, y: box.y }
    }
  })
}

function overlapsOrTouches(a: Box, b: Box): boolean {
  return gap(a, b) < importMargin / 2
}
