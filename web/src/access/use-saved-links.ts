import { useCallback, useEffect, useState } from 'react'
import { readSavedLinks, type SavedLinks, savedLinksKey, saveLinks } from './saved-links.ts'

function browserStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

export function readLinks(boardId: string): SavedLinks {
  return readSavedLinks(browserStorage(), boardId)
}

/** Saves links outside the share panel: on creation (home page), on opening one's own link. */
export function rememberLinks(boardId: string, links: SavedLinks): void {
  saveLinks(browserStorage(), boardId, links)
}

export function forgetLinks(boardId: string): void {
  try {
    browserStorage()?.removeItem(savedLinksKey(boardId))
  } catch {
    // Nothing saved, nothing to forget.
  }
}

/** The links this browser knows for a board, following saves here and in other tabs. */
export function useSavedLinks(boardId: string): [SavedLinks, (fresh: SavedLinks) => void] {
  const [links, setLinks] = useState(() => readSavedLinks(browserStorage(), boardId))
  useEffect(() => {
    const onStorage = (event: StorageEvent): void => {
      if (event.key === savedLinksKey(boardId)) setLinks(readSavedLinks(browserStorage(), boardId))
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [boardId])
  const save = useCallback(
    (fresh: SavedLinks) => setLinks(saveLinks(browserStorage(), boardId, fresh)),
    [boardId],
  )
  return [links, save]
}
