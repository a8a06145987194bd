import { stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import type { StickyMeta } from '@stormline/shared/board/sticky-meta'
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLNoteShape,
  type TLStore,
  toRichText,
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

export function noteRecord(name: string, text: string, x = 0): TLNoteShape {
  return {
    id: createShapeId(name),
    typeName: 'shape',
    type: 'note',
    x,
    y: 0,
    rotation: 0,
    index: 'a1' as TLNoteShape['index'],
    parentId: 'page:page' as TLNoteShape['parentId'],
    isLocked: false,
    opacity: 1,
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: 1,
      textLastEditedBy: null,
    },
    meta: {},
  }
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
