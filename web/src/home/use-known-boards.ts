import { useCallback, useEffect, useState } from 'react'
import {
  boardForgotten,
  boardOpened,
  boardRefreshed,
  type KnownBoard,
  type KnownBoardsStorage,
  knownBoardsKey,
  readKnownBoards,
} from './known-boards.ts'

function browserStorage(): KnownBoardsStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** The board page records every opening here: the home page lists it from then on. */
export function rememberOpenedBoard(board: Pick<KnownBoard, 'id' | 'name' | 'role'>): void {
  boardOpened(browserStorage(), board, Date.now())
}

/** A rename seen on the board page reaches the list without counting as an opening. */
export function refreshKnownBoard(
  id: string,
  fresh: Partial<Pick<KnownBoard, 'name' | 'role'>>,
): void {
  boardRefreshed(browserStorage(), id, fresh)
}

/** A board deleted from its own page leaves the list at once. */
export function forgetKnownBoard(id: string): void {
  boardForgotten(browserStorage(), id)
}

export interface KnownBoardsActions {
  refresh(id: string, fresh: Partial<Pick<KnownBoard, 'name' | 'role'>>): void
  forget(id: string): void
}

/** The list for the home page, following changes made here and in other tabs. */
export function useKnownBoards(): [KnownBoard[], KnownBoardsActions] {
  const [boards, setBoards] = useState(() => readKnownBoards(browserStorage()))
  useEffect(() => {
    const onStorage = (event: StorageEvent): void => {
      // A null key: the other tab cleared all of storage.
      if (event.key === knownBoardsKey || event.key === null)
        setBoards(readKnownBoards(browserStorage()))
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])
  const refresh = useCallback(
    (id: string, fresh: Partial<Pick<KnownBoard, 'name' | 'role'>>) =>
      setBoards(boardRefreshed(browserStorage(), id, fresh)),
    [],
  )
  const forget = useCallback((id: string) => setBoards(boardForgotten(browserStorage(), id)), [])
  return [boards, { refresh, forget }]
}
