import { readClustersJson } from '@stormline/shared/backlog/cluster-layout'
import { visibleClusters } from '@stormline/shared/backlog/clusters'
import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import { Box, type Editor, getSvgAsImage, type TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { closedVoteTotalsOfDoc } from '../backlog/closed-vote-totals.ts'
import { isPainPointId, isPainPointShape } from '../clusters/pain-points.ts'
import { boardMarks, type ExportedShape } from './board-marks.ts'
import {
  type BoardMarks,
  clustersSvg,
  estimateTextWidth,
  injectIntoSvg,
  labelFont,
  type MeasureText,
  marksBounds,
  type Rect,
  svgViewBox,
  unionRects,
} from './clusters-svg.ts'
import { type ImageFormat, imageFileName } from './image-file-name.ts'
import { saveFile } from './save-file.ts'

export type ImageScope = 'board' | 'selection'

export type ImageExportResult = { ok: true; fileName: string } | { ok: false; message: string }

/** Page units of margin around everything exported. */
const exportPadding = 32

/** The shapes an export covers: the selection, or every shape on the current page. */
export function exportShapeIds(editor: Editor, scope: ImageScope): TLShapeId[] {
  return scope === 'selection' ? editor.getSelectedShapeIds() : [...editor.getCurrentPageShapeIds()]
}

const rectOf = (box: Box): Rect => ({ x: box.x, y: box.y, w: box.w, h: box.h })

/** The board's clusters, flags and closed-vote dots for the shapes `ids` (and their children). */
export function marksForExport(editor: Editor, doc: Y.Doc, ids: TLShapeId[]): BoardMarks {
  const shapes = [...editor.getShapeAndDescendantIds(ids)].flatMap((id): ExportedShape[] => {
    const shape = editor.getShape(id)
    const box = editor.getShapePageBounds(id)
    if (shape === undefined || box === undefined) return []
    const deepDive = shape.type === 'note' && readStickyMeta(shape.meta)?.needsDeepDive === true
    return [{ id, box: rectOf(box), pain: isPainPointShape(shape), deepDive }]
  })
  const clusters = visibleClusters(readClustersJson(doc), (id) => isPainPointId(editor, id))
  // Dots show only once the vote is closed: an image taken during the vote must not tell anyone
  // where the others put theirs.
  return boardMarks({ clusters, shapes, voteTotals: closedVoteTotalsOfDoc(doc) })
}

/** Text widths as the browser will draw the labels; the estimate where no canvas is at hand. */
function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d')
  if (context === null) return estimateTextWidth
  return (text, fontSize) => {
    context.font = `700 ${fontSize}px ${labelFont}`
    return context.measureText(text).width
  }
}

/** The export as an SVG document: tldraw's shapes with the clusters and flags drawn in. */
export async function boardSvg(
  editor: Editor,
  doc: Y.Doc,
  ids: TLShapeId[],
  measure: MeasureText = canvasMeasure(),
): Promise<{ svg: string; width: number; height: number } | null> {
  const marks = marksForExport(editor, doc, ids)
  const area = unionRects([
    unionRects(ids.flatMap((id) => editor.getShapePageBounds(id) ?? []).map(rectOf)),
    marksBounds(marks, measure),
  ])
  if (area === null) return null
  // Explicit bounds: tldraw would fit its own shapes only and cut the cluster labels off.
  const exported = await editor.getSvgString(ids, {
    bounds: new Box(area.x, area.y, area.w, area.h),
    padding: exportPadding,
    background: true,
    // A shared picture reads the same for everyone, whatever theme its maker works in.
    darkMode: false,
  })
  if (exported === undefined) return null
  const page: Rect = {
    x: area.x - exportPadding,
    y: area.y - exportPadding,
    w: area.w + 2 * exportPadding,
    h: area.h + 2 * exportPadding,
  }
  const { under, over } = clustersSvg(marks, page, svgViewBox(exported.svg) ?? page, measure)
  return {
    svg: injectIntoSvg(exported.svg, under, over),
    width: exported.width,
    height: exported.height,
  }
}

/**
 * Exports the board (or the selection) as a PNG or SVG file named after the board. The PNG is
 * that SVG drawn on a canvas in the page (from a data: URL, as tldraw does): nothing is fetched.
 */
export async function exportBoardImage(
  editor: Editor,
  doc: Y.Doc,
  boardName: string,
  format: ImageFormat,
  scope: ImageScope,
): Promise<ImageExportResult> {
  const ids = exportShapeIds(editor, scope)
  if (ids.length === 0) {
    return {
      ok: false,
      message:
        scope === 'selection'
          ? 'Nothing is selected: select stickies on the board first, or export the whole board.'
          : 'The board is empty: there is nothing to export yet.',
    }
  }
  const image = await boardSvg(editor, doc, ids)
  if (image === null) return { ok: false, message: 'There is nothing visible to export.' }
  const fileName = imageFileName(boardName, format)
  if (format === 'svg') {
    saveFile(new Blob([image.svg], { type: 'image/svg+xml' }), fileName)
    return { ok: true, fileName }
  }
  const png = await getSvgAsImage(image.svg, {
    type: 'png',
    width: image.width,
    height: image.height,
    pixelRatio: 2,
  })
  if (png === null) {
    return { ok: false, message: 'The browser could not draw the PNG; the SVG export may work.' }
  }
  saveFile(png, fileName)
  return { ok: true, fileName }
}
