import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { type Editor, type TLComponents, Tldraw } from 'tldraw'
import 'tldraw/tldraw.css'
import { createCurrentUser } from '../participant/participant-store.ts'
import type { BoardConnection } from '../sync/board-connection.ts'
import { BoardTopPanel } from './BoardTopPanel.tsx'
import { createBookmarksWithoutFetching } from './bookmark-without-fetch.ts'
import { exposeDebugHook } from './debug-hook.ts'

// Bundled by Vite from @tldraw/assets, so fonts, icons and translations are served from our
// own origin; tldraw's default is its public CDN.
const assetUrls = getAssetUrlsByImport()

const components: TLComponents = {
  TopPanel: BoardTopPanel,
  // Name and colour are ours to manage (the badge); tldraw's editor would offer a colour
  // picker whose choice we could not honour.
  UserPresenceEditor: null,
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
  const onMount = useCallback(
    (editor: Editor) => {
      editorRef.current = editor
      createBookmarksWithoutFetching(editor)
      return exposeDebugHook({
        editor,
        store: connection.store,
        doc: connection.doc,
        provider: connection.provider,
      })
    },
    [connection],
  )

  // tldraw reads autoFocus only on mount; when the name dialog closes, hand focus over here.
  useEffect(() => {
    if (autoFocus) editorRef.current?.focus()
  }, [autoFocus])

  return (
    <Tldraw
      store={connection.store}
      licenseKey={licenseKey ?? undefined}
      assetUrls={assetUrls}
      user={user}
      components={components}
      onMount={onMount}
      autoFocus={autoFocus}
    />
  )
}
