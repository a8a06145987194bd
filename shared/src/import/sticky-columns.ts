import { type StickyKind, stickyKindInfo, stickyKinds } from '../board/sticky-kinds.ts'

/**
 * Which column of an uploaded file holds what. Stormline's own columns are
 * `text,kind,phase[,context,author]`; exports of other whiteboards name theirs differently, so
 * each field has a table of accepted header names (compared case-insensitively, ignoring spaces,
 * dashes and underscores). The Miro and Mural names below are the ones their CSV exports and
 * common hand-made sheets use (`Content`, `Sticky text`, `Color`, `Frame`, `Area`, `Created by`…);
 * a file whose kinds are colours (no kind column) gets each sticky's kind from its colour.
 */

export type StickyField = 'text' | 'kind' | 'color' | 'phase' | 'context' | 'author'

export const columnAliases: Readonly<Record<StickyField, readonly string[]>> = {
  text: ['text', 'content', 'sticky text', 'sticky note text', 'sticky content', 'note', 'title'],
  kind: ['kind', 'sticky kind', 'type', 'category'],
  color: ['color', 'colour', 'sticky color', 'sticky colour', 'background color', 'fill color'],
  phase: ['phase', 'frame', 'frame name', 'area', 'area title', 'column', 'stage', 'lane'],
  context: ['context', 'description', 'details', 'notes', 'comment'],
  author: ['author', 'created by', 'creator', 'author name', 'owner'],
}

export type ColumnMap = Partial<Record<StickyField, number>>

export type HeaderMapping = { ok: true; columns: ColumnMap } | { ok: false; message: string }

const normalize = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '')

/** Maps a header row to fields; the first column matching a field wins, unknown columns are ignored. */
export function mapHeader(header: readonly string[]): HeaderMapping {
  const columns: ColumnMap = {}
  const fields = Object.keys(columnAliases) as StickyField[]
  header.forEach((name, index) => {
    const key = normalize(name.trim())
    for (const field of fields) {
      if (columns[field] === undefined && columnAliases[field].some((a) => normalize(a) === key)) {
        columns[field] = index
        return
      }
    }
  })
  const missing: string[] = []
  if (columns.text === undefined) missing.push('text')
  if (columns.kind === undefined && columns.color === undefined) missing.push('kind (or color)')
  if (columns.phase === undefined) missing.push('phase')
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Expected text,kind,phase and optionally context,author.`,
    }
  }
  return { ok: true, columns }
}

/**
 * Colour names and hex fills other whiteboards use for stickies, by the kind whose colour they
 * are nearest to (Stormline's kind colours: orange, red, blue, yellow, green, violet).
 */
const colorKinds: ReadonlyArray<[StickyKind, readonly string[]]> = [
  ['step', ['orange', 'light orange', 'dark orange']],
  ['pain', ['red', 'light red', 'pink', 'light pink', 'magenta', 'dark red']],
  ['tech', ['blue', 'light blue', 'dark blue', 'cyan', 'light cyan', 'sky blue', 'teal']],
  ['time', ['yellow', 'light yellow', 'gold']],
  ['team', ['green', 'light green', 'dark green', 'lime']],
  ['question', ['violet', 'purple', 'light purple', 'light violet', 'lilac']],
]

/** A kind read by its id (`pain`), its label (`Pain point`) or its colour name; null if none. */
export function kindFromName(value: string): StickyKind | null {
  const key = normalize(value.trim())
  if (key === '') return null
  for (const kind of stickyKinds) {
    const info = stickyKindInfo[kind]
    if (key === kind || key === normalize(info.label)) return kind
  }
  return kindFromColorName(value)
}

/** A kind from a colour name (`Light blue`, `light_blue`) or a kind's own fill hex; null if none. */
export function kindFromColorName(value: string): StickyKind | null {
  const key = normalize(value.trim())
  if (key === '') return null
  for (const kind of stickyKinds) {
    const info = stickyKindInfo[kind]
    if (key === normalize(info.color) || key === info.fill.toLowerCase()) return kind
  }
  for (const [kind, names] of colorKinds) if (names.some((n) => normalize(n) === key)) return kind
  return null
}
