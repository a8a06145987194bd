import {
  kindFromColor,
  type StickyKind,
  stickyKindInfo,
} from '@stormline/shared/board/sticky-kinds'
import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import {
  DefaultColorStyle,
  type Editor,
  type TLNoteShape,
  type TLShape,
  type TLShapePartial,
} from 'tldraw'
import { asMeta, isNote } from './sticky-side-effects.ts'
import { patchStickyMeta } from './sticky-stamp.ts'

/**
 * What the style panel's kind picker reads and changes. A sticky's colour is its kind, so the
 * picker replaces tldraw's free colour picker wherever stickies are concerned: the selected
 * stickies, or the next note tldraw's note tool makes (its colour decides its kind on creation,
 * see stampNewSticky).
 */

/** The kind a sticky shows: its stored kind, else the kind its colour stands for. */
export function noteKind(note: TLNoteShape): StickyKind {
  return readStickyMeta(note.meta)?.kind ?? kindFromColor(note.props.color) ?? 'step'
}

/** The kind every one of `kinds` is, or null when they differ (or there are none). */
export function commonKind(kinds: Iterable<StickyKind>): StickyKind | null {
  let common: StickyKind | null = null
  for (const kind of kinds) {
    if (common === null) common = kind
    else if (common !== kind) return null
  }
  return common
}

/**
 * The updates that make each note of `kind`, its colour along with it; notes already of that
 * kind are left out, so re-picking the current kind writes nothing.
 */
export function kindChangeUpdates(
  notes: readonly TLNoteShape[],
  kind: StickyKind,
): TLShapePartial<TLNoteShape>[] {
  const color = stickyKindInfo[kind].color
  return notes
    .filter((note) => readStickyMeta(note.meta)?.kind !== kind || note.props.color !== color)
    .map((note) => ({
      id: note.id,
      type: 'note',
      meta: asMeta(patchStickyMeta(note.meta, { kind })),
      props: { color },
    }))
}

/**
 * The selected stickies, including those inside a selected group (tldraw's style panel styles a
 * group's children too). Only while selecting: in another tool the selection is not the target.
 */
export function selectedNotes(editor: Editor): TLNoteShape[] {
  if (!editor.isIn('select')) return []
  const ids = editor.getShapeAndDescendantIds(editor.getSelectedShapeIds())
  const notes: TLNoteShape[] = []
  for (const id of ids) {
    const shape = editor.getShape(id)
    if (shape !== undefined && isNote(shape)) notes.push(shape)
  }
  return notes
}

/**
 * Whether the selection also holds shapes with a colour of their own (arrows, text, drawings):
 * the kind picker does not colour those, so the panel says how to.
 */
export function selectionHasOtherColouredShapes(editor: Editor): boolean {
  if (!editor.isIn('select')) return false
  const ids = editor.getShapeAndDescendantIds(editor.getSelectedShapeIds())
  for (const id of ids) {
    const shape: TLShape | undefined = editor.getShape(id)
    if (shape !== undefined && !isNote(shape) && 'color' in shape.props) return true
  }
  return false
}

/** What the kind picker acts on now: the selected stickies, the note tool's next note, or nothing. */
export type KindPickerTarget = 'selection' | 'next-note' | null

export function kindPickerTarget(editor: Editor): KindPickerTarget {
  if (selectedNotes(editor).length > 0) return 'selection'
  if (editor.root.getCurrent()?.shapeType === 'note') return 'next-note'
  return null
}

/** The kind the picker shows as current: the selected stickies' common kind, or the next note's. */
export function currentPickerKind(editor: Editor, target: KindPickerTarget): StickyKind | null {
  if (target === 'selection') return commonKind(selectedNotes(editor).map(noteKind))
  if (target === 'next-note') return kindFromColor(editor.getStyleForNextShape(DefaultColorStyle))
  return null
}

/**
 * Changes the kind of the given stickies as one undo step: the stopping points on either side cut
 * the board's undo stack there (forwardStoppingPoints), and one update writes every sticky.
 */
export function changeKindOfNotes(
  editor: Editor,
  notes: readonly TLNoteShape[],
  kind: StickyKind,
): void {
  const updates = kindChangeUpdates(notes, kind)
  if (updates.length === 0 || editor.getIsReadonly()) return
  editor.markHistoryStoppingPoint(`change kind to ${kind}`)
  editor.updateShapes(updates)
  editor.markHistoryStoppingPoint(`changed kind to ${kind}`)
}

/** The note tool's next note becomes a sticky of `kind` (its colour, read back on creation). */
export function setNextNoteKind(editor: Editor, kind: StickyKind): void {
  editor.setStyleForNextShapes(DefaultColorStyle, stickyKindInfo[kind].color)
}
