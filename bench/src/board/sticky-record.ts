import type { StickyKind } from '@stormline/shared/board/sticky-kinds'
import {
  type ShapeRecord,
  stickyRecord as sharedStickyRecord,
} from '@stormline/shared/testing/board-records'

/**
 * Sticky records as the web app creates them: a tldraw note shape with Stormline's sticky meta,
 * valid for tldraw's schema (the server refuses anything else). About 500 bytes of JSON each, the
 * size the fan-out issue asks for; written into the board in record layout v2 (fill-board.ts).
 */

const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A distinct tldraw fractional index per sticky, in order: "a1" + 4 base-62 digits + "V" (a
 * fraction must not end in "0"), enough for 14 million stickies.
 */
export function stickyIndex(i: number): string {
  let rest = i
  let out = ''
  for (let k = 0; k < 4; k++) {
    out = digits[rest % 62] + out
    rest = Math.floor(rest / 62)
  }
  return `a1${out}V`
}

const kinds: readonly StickyKind[] = ['step', 'pain', 'tech', 'time', 'team', 'question']

export interface StickyOptions {
  /** Sequence number of the sticky on its board: fixes its id, index, kind and text. */
  n: number
  x: number
  y: number
  text?: string
  kind?: StickyKind
  /** Extra meta (the fan-out bench puts its update id and send time here). */
  bench?: Record<string, number>
  /**
   * Author id; none by default: Stormline accepts only the writing socket's own member there
   * (ADR 0013), and a bench client writes for many people. The backlog bench, which never
   * goes through a server, names authors to count them.
   */
  authorId?: string
}

export function stickyId(n: number): string {
  return `shape:sticky-${n}`
}

export function stickyRecord(options: StickyOptions): ShapeRecord {
  const { n } = options
  const kind = options.kind ?? (kinds[n % kinds.length] as StickyKind)
  const text = options.text ?? `Sticky ${n}: waiting for the approval ticket from the platform team`
  return sharedStickyRecord(stickyId(n), {
    text,
    x: options.x,
    y: options.y,
    kind,
    color: 'orange',
    index: stickyIndex(n),
    authorId: options.authorId ?? '',
    authorName: `Participant ${n % 97}`,
    createdAt: '2026-11-24T10:00:00.000Z',
    ...(options.bench ? { meta: { bench: options.bench } } : {}),
  })
}

/** The page every sticky sits on (tldraw's default page id). */
export { pageRecord } from '@stormline/shared/testing/board-records'

/** A grid position for sticky n, 120 columns wide: a long timeline with rows of overlays. */
export function gridPosition(n: number): { x: number; y: number } {
  return { x: (n % 120) * 240, y: Math.floor(n / 120) * 240 }
}
