import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useEffect } from 'react'
import { type Editor, useEditor } from 'tldraw'
import { focusOnStickies } from '../backlog/focus-board.ts'
import { useBoardUi } from '../board/board-context.ts'
import { activateCluster } from './cluster-ui-state.ts'
import { visibleClusters } from './cluster-view.ts'
import { isClusterId, readFocusParam } from './deep-link.ts'
import { isPainPointId } from './pain-points.ts'

/**
 * Opens a deep link (`/b/:id?focus=…`) framed on its cluster's members or its sticky, selected,
 * once after the board has loaded (this mounts with the editor, which waits for the first sync).
 */
export function FocusFromLink() {
  const editor = useEditor()
  const { doc } = useBoardUi().connection
  useEffect(() => {
    const focus = readFocusParam(window.location.search)
    if (focus === null) return
    // Two frames: after the editor's own first camera move (fitTimelineOnOpen), which would
    // otherwise replace ours.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const cluster = isClusterId(focus.target)
          ? visibleClusters(doc.getMap(docLayout.clusters).toJSON(), (id) =>
              isPainPointId(editor, id),
            ).find((c) => c.id === focus.target)
          : undefined
        const ids = cluster?.memberIds ?? [focus.target]
        if (focusOnStickies(editor, ids, coveredEdges(editor)) && cluster !== undefined) {
          activateCluster(editor, cluster.id)
        }
        const { pathname, hash } = window.location
        window.history.replaceState(window.history.state, '', `${pathname}${focus.rest}${hash}`)
      })
    })
    return () => cancelAnimationFrame(frame)
  }, [editor, doc])
  return null
}

/** Screen pixels our panels cover at the board's edges (left column, open backlog drawer). */
function coveredEdges(editor: Editor): { left: number; right: number } {
  const container = editor.getContainer()
  const box = container.getBoundingClientRect()
  const column = container.querySelector('.tlui-layout__top__left')
  const drawer = container.querySelector<HTMLElement>('.stormline-backlog')
  return {
    left: column === null ? 0 : Math.max(0, column.getBoundingClientRect().right - box.left),
    right: drawer?.offsetWidth ?? 0,
  }
}
