import type { CheckpointContent } from '@stormline/shared/history/history-api'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import {
  createTLStore,
  defaultBindingUtils,
  type Editor,
  type TLComponents,
  type TLStore,
  Tldraw,
} from 'tldraw'
import { getCheckpoint } from '../api/history-client.ts'
import { useBoardUi } from '../board/board-context.ts'
import { zoomToFitClear } from '../cockpit/fit-view.ts'
import { AnonymousNotes } from '../stickies/AnonymousNotes.tsx'
import { StormlineNoteShapeUtil } from '../stickies/StormlineNoteShapeUtil.tsx'
import { customShapeUtils, withDefaultShapeUtils } from '../timeline/index.ts'
import { CheckpointClusters, CheckpointClustersContext } from './CheckpointClusters.tsx'
import { checkpointViewRecords } from './checkpoint-records.ts'
import { stickyCountText } from './checkpoint-rows.ts'
import { type OpenCheckpoint, useCheckpointView } from './checkpoint-view-context.tsx'
import { historyErrorText, viewTitle } from './history-text.ts'
import { useSharedFocus } from './use-shared-focus.ts'
import './checkpoint-pane.css'

// As the board page (board/BoardEditor.tsx): fonts, icons and translations from our own origin.
const assetUrls = getAssetUrlsByImport()

// Under the shapes, the checkpoint's clusters, as the live board draws its own.
const components: TLComponents = { OnTheCanvas: CheckpointClusters }

// The board's own shapes, so a checkpoint's stickies and timeline look as they did on the board.
const shapeUtils = [...customShapeUtils, StormlineNoteShapeUtil]

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | {
      state: 'ready'
      store: TLStore
      clusters: Readonly<Record<string, unknown>>
      stickies: number
      skipped: number
    }

/** A store holding what the checkpoint holds, with the board's schema. */
function viewOf(content: CheckpointContent): Loaded {
  const store = createTLStore({
    shapeUtils: withDefaultShapeUtils(customShapeUtils),
    bindingUtils: defaultBindingUtils,
  })
  const view = checkpointViewRecords(content.records, store.schema)
  try {
    store.put(view.records)
  } catch (error) {
    // Valid records one by one that do not fit together (a shape on a page the checkpoint lacks).
    console.warn('[stormline] a checkpoint could not be shown', error)
    store.dispose()
    return { state: 'failed', message: 'This checkpoint could not be shown.' }
  }
  return {
    state: 'ready',
    store,
    clusters: content.clusters,
    stickies: view.records.filter((record) => record.typeName === 'shape' && record.type === 'note')
      .length,
    skipped: view.skipped,
  }
}

/**
 * A checkpoint, read-only, in a pane beside the live board (the board page lays them side by
 * side, so the live board stays usable). A second tldraw editor on its own store, built from the
 * checkpoint's records with the board's schema and shape utils; nothing it does reaches the
 * board. Closes with its button or Escape.
 */
export function CheckpointPane({ licenseKey }: { licenseKey: string | null }) {
  const { open, close } = useCheckpointView()
  if (open === null) return null
  // Keyed: another checkpoint is another store and another editor.
  return <Pane key={open.id} checkpoint={open} licenseKey={licenseKey} onClose={close} />
}

function Pane({
  checkpoint,
  licenseKey,
  onClose,
}: {
  checkpoint: OpenCheckpoint
  licenseKey: string | null
  onClose(): void
}) {
  const boardId = useBoardUi().connection.boardId
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [editor, setEditor] = useState<Editor | null>(null)
  const pane = useRef<HTMLElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  useSharedFocus(pane, checkpoint.liveEditor, editor)

  useEffect(() => {
    let current = true
    getCheckpoint(boardId, checkpoint.id)
      .then((content) => {
        if (current) setLoaded(viewOf(content))
      })
      .catch((error: unknown) => {
        if (current) setLoaded({ state: 'failed', message: historyErrorText(error) })
      })
    return () => {
      current = false
    }
  }, [boardId, checkpoint.id])

  // The view's store lives as long as the pane.
  useEffect(() => (loaded.state === 'ready' ? () => loaded.store.dispose() : undefined), [loaded])

  // The person asked to see it: the pane takes the keyboard (Escape closes it from here on).
  useEffect(() => closeButton.current?.focus(), [])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    onClose()
  }

  return (
    // Escape anywhere in the pane closes it, as its Close button does.
    <aside
      ref={pane}
      className="stormline-checkpoint-pane"
      aria-labelledby={titleId}
      data-testid="checkpoint-pane"
      onKeyDown={onKeyDown}
    >
      <header className="stormline-checkpoint-pane__header">
        <h2 id={titleId} className="stormline-checkpoint-pane__title">
          {viewTitle(checkpoint.name)}
        </h2>
        <button
          ref={closeButton}
          type="button"
          className="stormline-checkpoint-pane__button"
          data-testid="checkpoint-pane-close"
          onClick={onClose}
        >
          Close
        </button>
      </header>
      <div className="stormline-checkpoint-pane__bar">
        <p className="stormline-checkpoint-pane__note" role="status">
          {loaded.state === 'loading'
            ? 'Loading the checkpoint…'
            : loaded.state === 'failed'
              ? loaded.message
              : `${stickyCountText(loaded.stickies)}. The live board is beside it; nothing here changes it.${
                  loaded.skipped > 0
                    ? ` ${loaded.skipped} ${loaded.skipped === 1 ? 'item' : 'items'} could not be shown.`
                    : ''
                }`}
        </p>
        {editor !== null && (
          <span className="stormline-checkpoint-pane__zoom">
            <button
              type="button"
              className="stormline-checkpoint-pane__button"
              aria-label="Zoom out"
              onClick={() => editor.zoomOut(undefined, { animation: { duration: 200 } })}
            >
              −
            </button>
            <button
              type="button"
              className="stormline-checkpoint-pane__button"
              aria-label="Zoom in"
              onClick={() => editor.zoomIn(undefined, { animation: { duration: 200 } })}
            >
              +
            </button>
            <button
              type="button"
              className="stormline-checkpoint-pane__button"
              data-testid="checkpoint-pane-fit"
              onClick={() => zoomToFitClear(editor)}
            >
              Fit
            </button>
          </span>
        )}
      </div>
      <div className="stormline-checkpoint-pane__board" data-testid="checkpoint-board">
        {loaded.state === 'ready' && (
          <CheckpointClustersContext.Provider value={loaded.clusters}>
            <Tldraw
              store={loaded.store}
              shapeUtils={shapeUtils}
              licenseKey={licenseKey ?? undefined}
              assetUrls={assetUrls}
              components={components}
              // A picture of the board to look at, pan and zoom: none of tldraw's editing UI.
              hideUi
              autoFocus={false}
              onMount={(mounted) => {
                mounted.updateInstanceState({ isReadonly: true })
                // Once the pane has its size.
                mounted.timers.requestAnimationFrame(() =>
                  zoomToFitClear(mounted, { animate: false }),
                )
                setEditor(mounted)
                return () => setEditor(null)
              }}
            >
              {/* No author names on an anonymous board, here either. */}
              <AnonymousNotes />
            </Tldraw>
          </CheckpointClustersContext.Provider>
        )}
      </div>
    </aside>
  )
}
