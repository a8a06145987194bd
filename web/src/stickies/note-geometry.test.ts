import {
  DEFAULT_THEME,
  type Editor,
  type Geometry2d,
  type Group2d,
  NoteShapeUtil,
  type TLNoteShape,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import { noteRecord } from '../sync/test-records.ts'
import { StormlineNoteShapeUtil } from './StormlineNoteShapeUtil.tsx'

interface LabelSize {
  labelHeight: number
  labelWidth: number
  fontSizeAdjustment: number
}

/**
 * Both utils on an editor that knows only its theme (all getGeometry reads, besides the label
 * measurement). The measurement itself is a DOM layout, so it is replaced by a counted stub:
 * tldraw's private getLabelSize, reached through a cast (it is what both utils call).
 */
function utils(labelSize: LabelSize) {
  const editor = {
    getCurrentTheme: () => DEFAULT_THEME,
    getColorMode: () => 'light',
  } as unknown as Editor
  let measured = 0
  const stub = (util: NoteShapeUtil) => {
    ;(util as unknown as { getLabelSize: () => LabelSize }).getLabelSize = () => {
      measured++
      return labelSize
    }
    return util
  }
  return {
    stormline: stub(new StormlineNoteShapeUtil(editor)),
    tldraw: stub(new NoteShapeUtil(editor)),
    measured: () => measured,
  }
}

function describeGeometry(geometry: Geometry2d) {
  return {
    bounds: geometry.bounds.toJson(),
    vertices: geometry.vertices.map((v) => v.toJson()),
    flags: [
      geometry.isLabel,
      geometry.isFilled,
      geometry.isClosed,
      geometry.isInternal,
      geometry.excludeFromShapeBounds,
      geometry.ignore,
    ],
  }
}

function describeNote(geometry: Group2d) {
  return [describeGeometry(geometry), ...geometry.children.map(describeGeometry)]
}

const note = (text: string, props: Partial<TLNoteShape['props']> = {}): TLNoteShape => {
  const shape = noteRecord(text || 'empty', text)
  return { ...shape, props: { ...shape.props, ...props } }
}

const label = (labelWidth: number, labelHeight: number): LabelSize => ({
  labelWidth,
  labelHeight,
  fontSizeAdjustment: 1,
})

const cases: [string, TLNoteShape, LabelSize][] = [
  ['an empty note', note(''), label(100, 56)],
  ['a short label', note('Deploy'), label(88, 56)],
  [
    'a note grown by a long label',
    note('A long label '.repeat(20), { growY: 164 }),
    label(200, 364),
  ],
  ['a scaled note', note('Scaled', { scale: 2.5 }), label(90, 56)],
]

describe('StormlineNoteShapeUtil.getGeometry', () => {
  it.each(cases)('is tldraw’s geometry for %s', (_name, shape, labelSize) => {
    const { stormline, tldraw } = utils(labelSize)
    expect(describeNote(stormline.getGeometry(shape))).toEqual(
      describeNote(tldraw.getGeometry(shape)),
    )
  })

  it.each(cases)('measures no label for the bounds and body hit tests of %s', (_n, shape, size) => {
    const { stormline, measured } = utils(size)
    const geometry = stormline.getGeometry(shape)
    expect(geometry.bounds.w).toBe(200 * shape.props.scale)
    expect(geometry.hitTestPoint({ x: 1, y: 1 }, 0, true)).toBe(true)
    expect(measured()).toBe(0)
    expect(geometry.children[1]?.bounds.w).toBe(size.labelWidth * shape.props.scale)
    expect(measured()).toBe(1)
  })
})
