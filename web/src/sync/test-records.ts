import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLNoteShape,
  type TLStore,
  toRichText,
} from 'tldraw'

/** Fixtures for the sync unit tests (not part of the app bundle). */

export function createBoardStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
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
