import { type BoardRole, boardRoles } from '@stormline/shared/access/roles'
import type { BoardLinks } from '@stormline/shared/api/types'
import type { KeyValueStorage } from '../participant/identity.ts'

/**
 * The server keeps only hashes of a board's tokens, so the links it shows once (on creation and
 * rotation) live on only where they were shown: here, in the facilitator's browser, per board.
 * Anyone who can read this browser's storage could also read its cookies; the links add nothing.
 */

export type SavedLinks = Partial<BoardLinks>

export function savedLinksKey(boardId: string): string {
  return `stormline.links.${boardId}`
}

export function readSavedLinks(storage: KeyValueStorage | null, boardId: string): SavedLinks {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(savedLinksKey(boardId)) ?? '{}')
    if (typeof parsed !== 'object' || parsed === null) return {}
    const links: SavedLinks = {}
    for (const role of boardRoles) {
      const link = (parsed as Record<string, unknown>)[role]
      if (typeof link === 'string' && link !== '') links[role] = link
    }
    return links
  } catch {
    return {}
  }
}

/** Merges fresh links over the saved ones: a rotation returns only the roles it rotated. */
export function saveLinks(
  storage: KeyValueStorage | null,
  boardId: string,
  fresh: SavedLinks,
): SavedLinks {
  const merged = { ...readSavedLinks(storage, boardId), ...fresh }
  try {
    storage?.setItem(savedLinksKey(boardId), JSON.stringify(merged))
  } catch {
    // Storage full or disabled: the links are still shown this once.
  }
  return merged
}

/** The roles a rotation should renew when the facilitator has no links saved for some of them. */
export function missingRoles(links: SavedLinks): BoardRole[] {
  return boardRoles.filter((role) => links[role] === undefined)
}
