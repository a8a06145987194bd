import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { type Editor, type TLComponents, type TLUiOverrides, Tldraw } from 'tldraw'
import 'tldraw/tldraw.css'
import { BacklogDrawer } from '../backlog/BacklogDrawer.tsx'
import { ToolbarWithClusterBar } from '../clusters/ClusterBar.tsx'
import { ClusterOutlines } from '../clusters/ClusterOutlines.tsx'
import { FocusFromLink } from '../clusters/FocusFromLink.tsx'
import { Cockpit } from '../cockpit/Cockpit.tsx'
import { showOpeningView } from '../cockpit/fit-view.ts'
import { zoomOverrides } from '../cockpit/zoom-overrides.ts'
import { imageExportOverrides } from '../export-image/image-export-overrides.ts'
import { FacilitationSync } from '../facilitation/FacilitationSync.tsx'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { PainHeatmap } from '../heatmap/PainHeatmap.tsx'
import { createCurrentUser } from '../participant/participant-store.ts'
import { presenceComponents, presenceEditorOptions } from '../presence/editor-presence.ts'
import { AnonymousNotes } from '../stickies/AnonymousNotes.tsx'
import { installStickies } from '../stickies/install-stickies.ts'
import { StormlineNoteShapeUtil } from '../stickies/StormlineNoteShapeUtil.tsx'
import { StylePanelWithStickies } from '../stickies/sticky-ui-slots.tsx'
import type { BoardConnection } from '../sync/board-connection.ts'
import { liveTextHook } from '../sync/live-text.ts'
import { type BoardUndo, forwardStoppingPoints } from '../sync/undo-manager.ts'
import { customShapeUtils } from '../timeline/index.ts'
import { guardTimelines } from '../timeline/timeline-guard.ts'
import { BoardTopPanel } from './BoardTopPanel.tsx'
import { useBoardUi } from './board-context.ts'
import { createBookmarksWithoutFetching } from './bookmark-without-fetch.ts'
import { exposeDebugHook } from './debug-hook.ts'
import './board-editor.css'

// Bundled by Vite from @tldraw/assets, so fonts, icons and translations are served from our
// own origin; tldraw's default is its public CDN.
const assetUrls = getAssetUrlsByImport()

/** Under the shapes: the pain heat-map (when switched on), then cluster outlines and labels. */
function OnTheCanvas() {
  return (
    <>
      <PainHeatmap />
      <ClusterOutlines />
    </>
  )
}

const components: TLComponents = {
  TopPanel: BoardTopPanel,
  // Heat-map (heatmap/), cluster outlines and labels (clusters/), drawn in page space.
  OnTheCanvas,
  // The cluster bar (clusters/) and the sticky kind palette (stickies/) above the toolbar; the
  // legend and the details of a selected sticky around tldraw's style panel.
  Toolbar: ToolbarWithClusterBar,
  StylePanel: StylePanelWithStickies,
  // Name and colour are ours to manage (the badge); tldraw's editor would offer a colour
  // picker whose choice we could not honour.
  UserPresenceEditor: null,
  // A board is one page (the model, the backlog and the exports read the first page); a page
  // menu would offer pages nobody else's view, export or backlog would see. It also frees the
  // room the top bar needs between the drawers on a laptop.
  PageMenu: null,
  // Idle people keep their cursor, and the People section replaces the people menu (presence/).
  ...presenceComponents,
}

// tldraw's note with the deep-dive badge and copy attribution; same type, props and schema.
const shapeUtils = [...customShapeUtils, StormlineNoteShapeUtil]

/**
 * Ctrl+Z, Ctrl+Shift+Z and the undo/redo buttons undo this browser's own edits only (the board's
 * Yjs undo manager, UNDO-1..3) instead of tldraw's history, which would put back whole records
 * and so revert other people's changes to them.
 */
function undoOverrides(undo: BoardUndo): TLUiOverrides {
  return {
    actions(editor, actions) {
      const replaced = { ...actions }
      for (const [id, run] of [
        ['undo', () => undo.undo()],
        ['redo', () => undo.redo()],
      ] as const) {
        const action = actions[id]
        if (action === undefined) continue
        replaced[id] = {
          ...action,
          onSelect() {
            // As tldraw's own undo does: finish the interaction in progress (a drag) first.
            editor.complete()
            run()
          },
        }
      }
      return replaced
    },
  }
}

interface BoardEditorProps {
  connection: BoardConnection
  licenseKey: string | null
  /** Off while the name dialog is open, so the editor does not take its keyboard focus. */
  autoFocus: boolean
}

export function BoardEditor({ connection, licenseKey, autoFocus }: BoardEditorProps) {
  const user = useMemo(() => createCurrentUser(), [])
  const editorRef = useRef<Editor | null>(null)
  // The name dialog can close between tldraw's first render and its onMount; the effect below
  // then finds no editor yet, so onMount checks the latest value too.
  const autoFocusRef = useRef(autoFocus)
  autoFocusRef.current = autoFocus
  const role = useBoardRole()
  // Read by the editor's handlers at the moment of an edit, so they follow a role change.
  const roleRef = useRef(role)
  roleRef.current = role
  // tldraw's "Export as PNG/SVG" exports as the cockpit does (export-image/), named after the
  // board at the moment of the export.
  const currentName = useBoardUi().board.name
  const boardName = useRef(currentName)
  boardName.current = currentName
  const overrides = useMemo(
    () => [
      undoOverrides(connection.undo),
      zoomOverrides(),
      imageExportOverrides({ doc: connection.doc, boardName: () => boardName.current }),
    ],
    [connection],
  )
  const onMount = useCallback(
    (editor: Editor) => {
      editorRef.current = editor
      // Every stopping point tldraw marks (the start of a drag, a style change…) also ends the
      // current undo step, so one user action is one undo step.
      const unforwardStoppingPoints = forwardStoppingPoints(editor, connection.undo)
      connection.setLiveTextHook(liveTextHook(editor))
      editor.updateInstanceState({ isReadonly: roleRef.current === 'viewer' })
      if (autoFocusRef.current) editor.focus()
      createBookmarksWithoutFetching(editor)
      // The camera is not part of the board: everyone starts at the origin until placed. Waits a
      // frame, until the editor and the drawers have their sizes.
      editor.timers.requestAnimationFrame(() => showOpeningView(editor))
      const session = connection.doc.getMap<unknown>(docLayout.session)
      const uninstallStickies = installStickies(editor, () =>
        readAnonymous(session.get(sessionKeys.anonymous)),
      )
      const unguardTimelines = guardTimelines(editor, () => roleRef.current === 'facilitator')
      const hideDebugHook = exposeDebugHook({
        editor,
        store: connection.store,
        doc: connection.doc,
        provider: connection.provider,
      })
      return () => {
        unforwardStoppingPoints()
        connection.setLiveTextHook(null)
        unguardTimelines()
        uninstallStickies()
        hideDebugHook()
      }
    },
    [connection],
  )

  // A viewer's board is read-only in tldraw: no tools that draw, no moving, no deleting; and a
  // read-only notice from the server (role taken away) turns an open board read-only too.
  useEffect(() => {
    editorRef.current?.updateInstanceState({ isReadonly: role === 'viewer' })
  }, [role])

  // tldraw reads autoFocus only on mount; when the name dialog closes, hand focus over here.
  useEffect(() => {
    if (autoFocus) editorRef.current?.focus()
  }, [autoFocus])

  return (
    <Tldraw
      store={connection.store}
      shapeUtils={shapeUtils}
      licenseKey={licenseKey ?? undefined}
      assetUrls={assetUrls}
      user={user}
      components={components}
      overrides={overrides}
      onMount={onMount}
      autoFocus={autoFocus}
      options={presenceEditorOptions}
    >
      <FacilitationSync />
      {/* Every workshop control, in one drawer on the left edge (cockpit/). */}
      <Cockpit />
      {/* The live backlog with dot voting and estimates (backlog/), a drawer on the right edge. */}
      <BacklogDrawer />
      {/* Opening a board focused on a cluster or sticky from an export link (clusters/). */}
      <FocusFromLink />
      {/* No author names on notes on an anonymous board (stickies/). */}
      <AnonymousNotes />
    </Tldraw>
  )
}
