import {
  type KindColor,
  kindFromColor,
  type StickyKind,
  stickyKindInfo,
} from '@stormline/shared/board/sticky-kinds'
import { readStickyMeta, type StickyMeta, stickyMetaKey } from '@stormline/shared/board/sticky-meta'

/**
 * Pure rules that keep every note a Stormline sticky: what a new note is stamped with, what a
 * copy is re-stamped with, and how a note's kind and colour follow each other. The tldraw side
 * effects (sticky-side-effects.ts) and the note shape util only apply these.
 */

/** A note's `meta` as tldraw stores it: any JSON object. */
export type NoteMeta = Readonly<Record<string, unknown>>

export interface Author {
  /**
   * The member id (ADR 0013); null on an anonymous board, where a sticky carries no trace of
   * who wrote it (the server refuses one that does).
   */
  id: string | null
  /** null on an anonymous board. */
  name: string | null
}

/** A new sticky's meta: everything a sticky has, the author only when it may be known. */
export type NewStickyMeta = Omit<StickyMeta, 'authorName' | 'authorId'> & {
  authorId?: string
  authorName?: string
}

/** The author fields of a new sticky's meta: none of them on an anonymous board. */
function authorFields(author: Author): { authorId?: string; authorName?: string } {
  if (author.id === null) return {}
  return { authorId: author.id, ...(author.name === null ? {} : { authorName: author.name }) }
}

/** The kind/colour pair a note should end up with, and its full meta. */
export interface StickyStamp {
  meta: Record<string, unknown>
  color: KindColor
}

export function newStickyMeta(kind: StickyKind, author: Author, now: Date): NewStickyMeta {
  return {
    kind,
    ...authorFields(author),
    createdAt: now.toISOString(),
    context: '',
    needsDeepDive: false,
    durationMinutes: null,
  }
}

function rawStormline(meta: NoteMeta): Record<string, unknown> | null {
  const raw = meta[stickyMetaKey]
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : null
}

/**
 * What a note created on this client gets. A note without Stormline meta (tldraw's note tool,
 * a paste from plain tldraw) becomes a sticky of the kind its colour stands for, or a step, and
 * takes that kind's colour. A note that already carries Stormline meta keeps it — it was made by
 * our own creation code, restored by undo, or stamped as a copy — and only has its colour put
 * back in line with its kind (and, on an anonymous board, loses any author it carried). Returns
 * null when nothing needs to change.
 */
export function stampNewSticky(
  meta: NoteMeta,
  color: string,
  author: Author,
  now: Date,
): StickyStamp | null {
  const existing = rawStormline(meta)
  if (existing === null) {
    const kind = kindFromColor(color) ?? 'step'
    return {
      meta: { ...meta, [stickyMetaKey]: newStickyMeta(kind, author, now) },
      color: stickyKindInfo[kind].color,
    }
  }
  const read = readStickyMeta(meta)
  const kind = read?.kind ?? kindFromColor(color) ?? 'step'
  const kindColor = stickyKindInfo[kind].color
  // On an anonymous board no new sticky carries an author, not even one undo brings back.
  const strip = author.id === null && ('authorId' in existing || 'authorName' in existing)
  if (read?.kind === kind && color === kindColor && !strip) return null
  const { authorId: _id, authorName: _name, ...anonymous } = existing
  return {
    meta: { ...meta, [stickyMetaKey]: { ...(strip ? anonymous : existing), kind } },
    color: kindColor,
  }
}

/**
 * A duplicated or pasted sticky is a new sticky: it is credited to whoever made the copy, at the
 * time they made it. What it says (kind, context, deep-dive flag, duration) is copied as is.
 * Returns null for a note without Stormline meta; `stampNewSticky` stamps it on creation.
 */
export function restampCopy(meta: NoteMeta, author: Author, now: Date): NoteMeta | null {
  const existing = rawStormline(meta)
  if (existing === null) return null
  // The original's author must not ride along: the copy is the copier's, and on an anonymous
  // board nobody's.
  const { authorName: _name, authorId: _id, ...rest } = existing
  return {
    ...meta,
    [stickyMetaKey]: { ...rest, ...authorFields(author), createdAt: now.toISOString() },
  }
}

export interface NoteLook {
  meta: NoteMeta
  color: string
}

/**
 * Keeps kind and colour in step when a local edit changes either:
 * - the kind changed (details panel): the colour follows the kind;
 * - the colour changed to another kind's colour (tldraw's style panel): the kind follows;
 * - the colour changed to one no kind uses: it goes back to the kind's colour, because a sticky's
 *   colour is how everyone reads its kind at a glance.
 * Returns the corrected kind and colour, or null when the edit needs no correction (also for
 * notes without Stormline meta, which the create handler is responsible for).
 */
export function kindChange(
  prev: NoteLook,
  next: NoteLook,
): { kind: StickyKind; color: KindColor } | null {
  const nextKind = readStickyMeta(next.meta)?.kind
  if (nextKind === undefined) return null
  const prevKind = readStickyMeta(prev.meta)?.kind
  let kind = nextKind
  if (nextKind === prevKind && next.color !== prev.color) {
    kind = kindFromColor(next.color) ?? nextKind
  }
  const color = stickyKindInfo[kind].color
  if (kind === nextKind && color === next.color) return null
  return { kind, color }
}

/** `meta` with the Stormline part patched, other meta keys and fields untouched. */
export function patchStickyMeta(meta: NoteMeta, patch: Partial<StickyMeta>): NoteMeta {
  return { ...meta, [stickyMetaKey]: { ...(rawStormline(meta) ?? {}), ...patch } }
}
