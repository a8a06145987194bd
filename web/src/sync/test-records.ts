import { stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import type { StickyMeta } from '@stormline/shared/board/sticky-meta'
import { stickyRecord as sharedStickyRecord } from '@stormline/shared/testing/board-records'
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLNoteShape,
  type TLStore,
} from 'tldraw'
import { customShapeUtils, withDefaultShapeUtils } from '../timeline/index.ts'

/** Fixtures for the sync unit tests (not part of the app bundle). */

export function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

/** A store with the app's own schema (tldraw's shapes plus the timeline), as board-connection builds it. */
export function createAppStore(): TLStore {
  return createTLStore({
    shapeUtils: withDefaultShapeUtils(customShapeUtils),
    bindingUtils: defaultBindingUtils,
  })
}

/** A plain tldraw note (no Stormline meta), from the shared fixture's note props. */
export function noteRecord(name: string, text: string, x = 0): TLNoteShape {
  const shared = sharedStickyRecord(createShapeId(name), { text, x, color: 'yellow' })
  // The shared fixture is plain JSON of exactly this shape; tldraw types it as TLNoteShape.
  return { ...shared, meta: {} } as unknown as TLNoteShape
}

/** A Stormline sticky: a note with the `meta.stormline` fields the app stamps on creation. */
export function stickyRecord(
  name: string,
  text: string,
  meta: Partial<StickyMeta> = {},
): TLNoteShape {
  const stormline: StickyMeta = {
    kind: 'step',
    authorId: 'author',
    authorName: 'Ada',
    createdAt: '2025-01-01T00:00:00.000Z',
    context: '',
    needsDeepDive: false,
    durationMinutes: null,
    ...meta,
  }
  const note = noteRecord(name, text)
  return {
    ...note,
    props: { ...note.props, color: stickyKindInfo[stormline.kind].color },
    meta: { stormline: { ...stormline } },
  }
}
