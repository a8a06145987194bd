import type { TLUiOverrides } from 'tldraw'
import type * as Y from 'yjs'
import { exportBoardImage, type ImageScope } from './export-board-image.ts'
import type { ImageFormat } from './image-file-name.ts'

export interface ImageExportSource {
  doc: Y.Doc
  /** Read at the moment of the export: the board may have been renamed since. */
  boardName(): string
}

/** tldraw's export actions and what each exports: the selection (or everything), or everything. */
const exportActions: readonly [id: string, format: ImageFormat, all: boolean][] = [
  ['export-as-svg', 'svg', false],
  ['export-as-png', 'png', false],
  ['export-all-as-svg', 'svg', true],
  ['export-all-as-png', 'png', true],
]

/**
 * tldraw's own "Export as SVG/PNG" (main menu, context menu) made to export as the cockpit does:
 * named after the board, with cluster outlines, names, closed-vote totals and deep-dive flags,
 * instead of "Untitled.png" without any of them. Compose it into the editor's overrides.
 */
export function imageExportOverrides(source: ImageExportSource): TLUiOverrides {
  return {
    actions(editor, actions, helpers) {
      const replaced = { ...actions }
      for (const [id, format, all] of exportActions) {
        const action = actions[id]
        if (action === undefined) continue
        replaced[id] = {
          ...action,
          onSelect() {
            // As tldraw does: the selection when there is one, else the whole page.
            const scope: ImageScope =
              all || editor.getSelectedShapeIds().length === 0 ? 'board' : 'selection'
            void exportBoardImage(editor, source.doc, source.boardName(), format, scope).then(
              (result) => {
                if (!result.ok) {
                  helpers.addToast({
                    title: 'Image export',
                    description: result.message,
                    severity: 'error',
                  })
                }
              },
              (error: unknown) => {
                console.warn('[stormline] image export failed', error)
                helpers.addToast({
                  title: 'Image export',
                  description: 'The image could not be made.',
                  severity: 'error',
                })
              },
            )
          },
        }
      }
      return replaced
    },
  }
}
