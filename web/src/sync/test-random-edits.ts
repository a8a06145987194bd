import { stickyKindInfo, stickyKinds } from '@stormline/shared/board/sticky-kinds'
import { templateTimelineId } from '@stormline/shared/board/timeline'
import { plainTextFromRichText } from '@stormline/shared/sync/rich-text-field'
import { type TLNoteShape, type TLRecord, type TLShape, type TLStore, toRichText } from 'tldraw'
import { stickyRecord } from './test-records.ts'
import type { YjsStoreBinding } from './yjs-store-binding.ts'

/**
 * Random user edits for the convergence test (CONV-1), made through the store API exactly as
 * tldraw's tools would make them: create, move, resize, rotate, type, edit Stormline's meta,
 * change kind, delete, undo and redo. Every record written is a valid tldraw record.
 */

type Rng = () => number

/** Fields that one user action writes together; the unit of ownership in quiet phases. */
export const fieldGroups = [
  'position',
  'rotation',
  'size',
  'text',
  'kind',
  'context',
  'deepDive',
  'duration',
] as const
export type FieldGroup = (typeof fieldGroups)[number]

export type EditKind =
  | 'create'
  | 'move'
  | 'resize'
  | 'rotate'
  | 'text'
  | 'meta'
  | 'kind'
  | 'delete'
  | 'undo'
  | 'redo'

const editWeights: [EditKind, number][] = [
  ['create', 8],
  ['move', 22],
  ['resize', 7],
  ['rotate', 5],
  ['text', 22],
  ['meta', 12],
  ['kind', 7],
  ['delete', 5],
  ['undo', 8],
  ['redo', 4],
]

export interface EditPermissions {
  /** Whether this client may write the group on this record. */
  mayWrite(id: string, group: FieldGroup): boolean
  mayDelete(id: string): boolean
  /** Whether shapes other than notes (the board's timeline) may be moved. */
  moveTimeline: boolean
}

export const anything: EditPermissions = {
  mayWrite: () => true,
  mayDelete: () => true,
  moveTimeline: true,
}

export interface RandomEditor {
  store: TLStore
  binding: YjsStoreBinding
  index: number
}

const stormlineOf = (note: TLNoteShape) => note.meta.stormline as Record<string, unknown>

/** What a group holds on a note, for comparing peers. */
export function readGroup(note: TLNoteShape, group: FieldGroup): unknown {
  switch (group) {
    case 'position':
      return [note.x, note.y]
    case 'rotation':
      return note.rotation
    case 'size':
      return [note.props.size, note.props.scale]
    case 'text':
      return note.props.richText
    case 'kind':
      return [note.props.color, stormlineOf(note).kind]
    case 'context':
      return stormlineOf(note).context
    case 'deepDive':
      return stormlineOf(note).needsDeepDive
    case 'duration':
      return stormlineOf(note).durationMinutes
  }
}

export function notesOf(store: TLStore): TLNoteShape[] {
  return store
    .allRecords()
    .filter(
      (record): record is TLNoteShape => record.typeName === 'shape' && record.type === 'note',
    )
}

function pick<T>(rng: Rng, items: readonly T[]): T | undefined {
  return items[Math.floor(rng() * items.length)]
}

function int(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1))
}

// Accents and an emoji (a surrogate pair) keep the text splicing honest.
const words = ['order', 'paid', 'CAB', 'ship', 'refund', 'déjà', '🚀', 'vu', 'x']

/** A caret position a person could type at: never inside a surrogate pair. */
function caret(rng: Rng, text: string): number {
  let at = int(rng, 0, text.length)
  const code = text.charCodeAt(at - 1)
  if (at > 0 && at < text.length && code >= 0xd800 && code <= 0xdbff) at--
  return at
}

function editedText(rng: Rng, before: string): string {
  const roll = rng()
  if (roll < 0.45) {
    const at = caret(rng, before)
    return `${before.slice(0, at)}${pick(rng, words)}${rng() < 0.5 ? ' ' : ''}${before.slice(at)}`
  }
  if (roll < 0.7) {
    const from = caret(rng, before)
    const to = caret(rng, before)
    return before.slice(0, Math.min(from, to)) + before.slice(Math.max(from, to))
  }
  if (roll < 0.78) {
    const at = caret(rng, before)
    return `${before.slice(0, at)}\n${before.slice(at)}`
  }
  if (roll < 0.85) return `${pick(rng, words)} ${pick(rng, words)}`
  return `${before}${pick(rng, words)}`
}

function newSticky(rng: Rng, name: string): TLNoteShape {
  const kind = pick(rng, stickyKinds) ?? 'step'
  const note = stickyRecord(name, `${pick(rng, words)} ${pick(rng, words)}`, { kind })
  return { ...note, x: int(rng, -2000, 2000), y: int(rng, -1000, 1000) }
}

function chooseEdit(rng: Rng): EditKind {
  const total = editWeights.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = rng() * total
  for (const [kind, weight] of editWeights) {
    roll -= weight
    if (roll < 0) return kind
  }
  return 'move'
}

/**
 * Makes one random edit on this client's store, within its permissions. Returns what was done
 * (for the failure log), or null when the edit drawn had nothing to act on.
 */
export function randomEdit(
  editor: RandomEditor,
  rng: Rng,
  permissions: EditPermissions,
  created: { count: number },
  onCreate: (id: string) => void = () => {},
): string | null {
  const { store, binding } = editor
  const kind = chooseEdit(rng)
  if (kind === 'undo') return `undo → ${binding.undo()}`
  if (kind === 'redo') return `redo → ${binding.redo()}`
  if (kind === 'create') {
    const note = newSticky(rng, `c${editor.index}-${created.count++}`)
    store.put([note])
    onCreate(note.id)
    return `create ${note.id}`
  }

  const group = groupOf(kind, rng)
  const candidates = notesOf(store).filter((note) =>
    kind === 'delete' ? permissions.mayDelete(note.id) : permissions.mayWrite(note.id, group),
  )
  const timeline = store.get(templateTimelineId as TLShape['id'])
  if (kind === 'move' && permissions.moveTimeline && timeline !== undefined && rng() < 0.1) {
    store.put([{ ...timeline, x: int(rng, -500, 500), y: int(rng, -500, 500) } as TLRecord])
    return `move ${timeline.id}`
  }
  const note = pick(rng, candidates)
  if (note === undefined) return null
  if (kind === 'delete') {
    store.remove([note.id])
    return `delete ${note.id}`
  }
  const next = edited(note, group, rng)
  store.put([next])
  return `${kind}/${group} ${note.id} → ${JSON.stringify(readGroup(next, group))}`
}

function groupOf(kind: EditKind, rng: Rng): FieldGroup {
  switch (kind) {
    case 'move':
      return 'position'
    case 'resize':
      return 'size'
    case 'rotate':
      return 'rotation'
    case 'text':
      return 'text'
    case 'kind':
      return 'kind'
    case 'meta':
      return pick(rng, ['context', 'deepDive', 'duration'] as const) ?? 'context'
    default:
      return 'position'
  }
}

function edited(note: TLNoteShape, group: FieldGroup, rng: Rng): TLNoteShape {
  const stormline = stormlineOf(note)
  const withStormline = (patch: Record<string, unknown>): TLNoteShape => ({
    ...note,
    // The patch holds JSON only; tldraw types meta as JsonObject.
    meta: { ...note.meta, stormline: { ...stormline, ...patch } } as TLNoteShape['meta'],
  })
  switch (group) {
    case 'position':
      return { ...note, x: note.x + int(rng, -300, 300), y: note.y + int(rng, -300, 300) }
    case 'rotation':
      return { ...note, rotation: Math.round(rng() * 628) / 100 }
    case 'size':
      return {
        ...note,
        props: {
          ...note.props,
          size: pick(rng, ['s', 'm', 'l', 'xl'] as const) ?? 'm',
          scale: pick(rng, [0.5, 1, 1.5, 2]) ?? 1,
        },
      }
    case 'text': {
      const before = plainTextFromRichText(note.props.richText) ?? ''
      const after = editedText(rng, before)
      // Now and then a formatted text, which the layout keeps whole as JSON.
      const richText =
        rng() < 0.03
          ? {
              type: 'doc',
              content: [
                {
                  type: 'paragraph',
                  content: [{ type: 'text', text: after || 'bold', marks: [{ type: 'bold' }] }],
                },
              ],
            }
          : toRichText(after)
      return { ...note, props: { ...note.props, richText } }
    }
    case 'kind': {
      const kind = pick(rng, stickyKinds) ?? 'pain'
      return {
        ...withStormline({ kind }),
        props: { ...note.props, color: stickyKindInfo[kind].color },
      }
    }
    case 'context':
      return withStormline({ context: rng() < 0.2 ? '' : `${pick(rng, words)} ${int(rng, 0, 99)}` })
    case 'deepDive':
      return withStormline({ needsDeepDive: !stormline.needsDeepDive })
    case 'duration':
      return withStormline({ durationMinutes: rng() < 0.2 ? null : int(rng, 0, 240) })
  }
}
