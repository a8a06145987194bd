import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from 'react'
import type { Editor } from 'tldraw'

/**
 * Which checkpoint is open beside the live board. The History section asks for it from inside
 * the live editor's cockpit; the pane shows it outside that editor (the page lays the two side
 * by side), so the choice lives in a context the board page holds around both.
 */

export interface OpenCheckpoint {
  id: string
  name: string
  /**
   * The live board's editor: tldraw has no notion of a second editor on the page, so the pane
   * hands the keyboard and the wheel from one to the other (CheckpointPane.tsx).
   */
  liveEditor: Editor
  /** Where the focus was when the pane opened, to give it back on close. */
  opener: HTMLElement | null
}

export interface CheckpointViewState {
  open: OpenCheckpoint | null
  show(checkpoint: { id: string; name: string }, liveEditor: Editor): void
  close(): void
}

const CheckpointViewContext = createContext<CheckpointViewState | null>(null)

export function CheckpointViewProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<OpenCheckpoint | null>(null)
  const current = useRef<OpenCheckpoint | null>(null)
  current.current = open
  const show = useCallback((checkpoint: { id: string; name: string }, liveEditor: Editor) => {
    const active = document.activeElement
    setOpen({ ...checkpoint, liveEditor, opener: active instanceof HTMLElement ? active : null })
  }, [])
  const close = useCallback(() => {
    const opener = current.current?.opener
    setOpen(null)
    // Once the pane is gone; the opener (a View button) may have gone with a refreshed list.
    if (opener) requestAnimationFrame(() => opener.isConnected && opener.focus())
  }, [])
  const value = useMemo(() => ({ open, show, close }), [open, show, close])
  return <CheckpointViewContext.Provider value={value}>{children}</CheckpointViewContext.Provider>
}

export function useCheckpointView(): CheckpointViewState {
  const value = useContext(CheckpointViewContext)
  if (value === null) throw new Error('useCheckpointView must be used inside the board page')
  return value
}
