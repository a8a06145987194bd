import { useSyncExternalStore } from 'react'

/**
 * Until boards have role links (the access issue), whoever created a board in
 * this browser facilitates it. The list of such boards is kept in localStorage;
 * it is a convenience, not a security boundary — the server does not enforce it yet.
 */

export const facilitatedBoardsKey = 'stormline.facilitatedBoards'

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(facilitatedBoardsKey) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

const listeners = new Set<() => void>()

export function markAsFacilitator(boardId: string): void {
  const boards = read()
  if (boards.includes(boardId)) return
  try {
    window.localStorage.setItem(facilitatedBoardsKey, JSON.stringify([...boards, boardId]))
  } catch {
    // Storage disabled: the creator facilitates for this page load only.
    sessionFallback.add(boardId)
  }
  for (const listener of listeners) listener()
}

const sessionFallback = new Set<string>()

export function isFacilitatorOf(boardId: string): boolean {
  return sessionFallback.has(boardId) || read().includes(boardId)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent): void => {
    if (event.key === facilitatedBoardsKey) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** Whether this browser facilitates the board; follows changes from other tabs. */
export function useIsFacilitator(boardId: string): boolean {
  return useSyncExternalStore(subscribe, () => isFacilitatorOf(boardId))
}
