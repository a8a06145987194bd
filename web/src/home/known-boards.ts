import { type BoardRole, isBoardRole } from '@stormline/shared/access/roles'
import { defaultBoardName, maxBoardNameLength } from '@stormline/shared/api/types'
import { isBoardId } from '@stormline/shared/board/board-id'
import type { KeyValueStorage } from '../participant/identity.ts'

/**
 * The boards this browser has created or opened, for the home page's "Your boards" list. Only
 * what the list shows is kept: the id, the name and role the server last answered with, and when
 * this browser last opened the board. No token: the board's HttpOnly cookie (and, for a
 * facilitator, the saved links) already reopen `/b/:id`, and page scripts never hold a
 * participant's or viewer's secret for longer than it takes to trade it for that cookie.
 */

export interface KnownBoard {
  id: string
  name: string
  /** The role this browser acts with on the board (a co-facilitator's is the facilitator's). */
  role: BoardRole
  /** When this browser last opened the board, in milliseconds since the epoch. */
  openedAt: number
}

export const knownBoardsKey = 'stormline.boards'

/** Enough for anyone's workshops; the oldest fall off so the entry never grows without bound. */
export const maxKnownBoards = 100

/** Storage that can also drop a key (localStorage can; the tests' fakes do too). */
export type KnownBoardsStorage = KeyValueStorage & { removeItem?(key: string): void }

function asKnownBoard(value: unknown): KnownBoard | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, name, role, openedAt } = value as Record<string, unknown>
  if (typeof id !== 'string' || !isBoardId(id)) return null
  if (!isBoardRole(role)) return null
  if (typeof openedAt !== 'number' || !Number.isFinite(openedAt)) return null
  // A name the server would never have sent is shown as the server's default rather than dropped.
  const shown =
    typeof name === 'string' && name.trim() !== ''
      ? name.slice(0, maxBoardNameLength)
      : defaultBoardName
  return { id, name: shown, role, openedAt }
}

/**
 * The stored list, most recently opened first. Whatever is unreadable (another version's
 * format, a hand edit, a broken write) is skipped, entry by entry: one bad entry must not cost
 * the others, and the home page must open whatever the storage holds.
 */
export function parseKnownBoards(raw: string | null): KnownBoard[] {
  if (raw === null) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  const byId = new Map<string, KnownBoard>()
  for (const entry of parsed) {
    const board = asKnownBoard(entry)
    if (board === null) continue
    const seen = byId.get(board.id)
    if (seen === undefined || seen.openedAt < board.openedAt) byId.set(board.id, board)
  }
  return sortedByOpened([...byId.values()]).slice(0, maxKnownBoards)
}

function sortedByOpened(boards: KnownBoard[]): KnownBoard[] {
  return boards.sort((a, b) => b.openedAt - a.openedAt)
}

export function readKnownBoards(storage: KnownBoardsStorage | null): KnownBoard[] {
  try {
    return parseKnownBoards(storage?.getItem(knownBoardsKey) ?? null)
  } catch {
    // Reading throws where storage is blocked for the site.
    return []
  }
}

function write(storage: KnownBoardsStorage | null, boards: KnownBoard[]): KnownBoard[] {
  const kept = sortedByOpened(boards).slice(0, maxKnownBoards)
  try {
    storage?.setItem(knownBoardsKey, JSON.stringify(kept))
  } catch {
    // Storage full or disabled: the list then lasts this page load.
  }
  return kept
}

/** A board was opened now: it moves to the top, with the name and role the server just gave. */
export function boardOpened(
  storage: KnownBoardsStorage | null,
  board: Pick<KnownBoard, 'id' | 'name' | 'role'>,
  now: number,
): KnownBoard[] {
  const others = readKnownBoards(storage).filter((known) => known.id !== board.id)
  return write(storage, [
    { id: board.id, name: board.name, role: board.role, openedAt: now },
    ...others,
  ])
}

/**
 * A fresh answer from the server about a board already in the list (renamed, role changed);
 * it keeps its place. A board this browser does not list is not added: only opening adds one.
 */
export function boardRefreshed(
  storage: KnownBoardsStorage | null,
  id: string,
  fresh: Partial<Pick<KnownBoard, 'name' | 'role'>>,
): KnownBoard[] {
  const boards = readKnownBoards(storage)
  const index = boards.findIndex((known) => known.id === id)
  const known = boards[index]
  if (known === undefined) return boards
  const next = { ...known, ...fresh }
  if (next.name === known.name && next.role === known.role) return boards
  boards[index] = next
  return write(storage, boards)
}

/** Drops a board from the list (forgotten here, or deleted). */
export function boardForgotten(storage: KnownBoardsStorage | null, id: string): KnownBoard[] {
  const boards = readKnownBoards(storage)
  const kept = boards.filter((known) => known.id !== id)
  if (kept.length === boards.length) return boards
  if (kept.length === 0 && storage?.removeItem !== undefined) {
    try {
      storage.removeItem(knownBoardsKey)
      return []
    } catch {
      // Fall through to writing an empty list.
    }
  }
  return write(storage, kept)
}
