import type { TLShapeId, TLUiOverrides } from 'tldraw'
import { zoomToFitClear, zoomToShapesClear } from './fit-view.ts'

/**
 * tldraw's "Zoom to fit" (Shift+1) and "Zoom to selection" (Shift+2) frame the whole window,
 * which puts content under the cockpit and the backlog drawer; ours frame what the drawers leave
 * free. Same actions, menus and shortcuts, so nothing else changes for the user.
 */
export function zoomOverrides(): TLUiOverrides {
  return {
    actions(editor, actions) {
      const replaced = { ...actions }
      const fit = actions['zoom-to-fit']
      if (fit !== undefined) {
        replaced['zoom-to-fit'] = { ...fit, onSelect: () => zoomToFitClear(editor) }
      }
      const selection = actions['zoom-to-selection']
      if (selection !== undefined) {
        replaced['zoom-to-selection'] = {
          ...selection,
          onSelect: () => {
            const ids: TLShapeId[] = editor.getSelectedShapeIds()
            if (ids.length > 0) zoomToShapesClear(editor, ids)
          },
        }
      }
      return replaced
    },
  }
}
