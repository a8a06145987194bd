import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useEffect } from 'react'
import { useEditor } from 'tldraw'
import { focusOnStickies } from '../backlog/focus-board.ts'
import { useBoardUi } from '../board/board-context.ts'
import { coveredEdges } from '../cockpit/panel-insets.ts'
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
    // Two frames: after the editor's own first camera move (the opening view), which would
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
