import { useCallback, useState } from 'react'

/**
 * Which cockpit sections are open, and whether the cockpit is folded to its rail. Remembered per
 * browser, not per board: how someone arranges their screen is a habit, not a board setting.
 */

const storageKey = 'stormline.cockpit'

export type CockpitSectionId =
  | 'session'
  | 'vote'
  | 'people'
  | 'timeline'
  | 'suggestions'
  | 'view'
  | 'history'
  | 'share'

export interface CockpitLayout {
  folded: boolean
  open: readonly CockpitSectionId[]
}

/** A first visit opens what everyone follows: where we are, the vote, and who is here. */
export const defaultCockpitLayout: CockpitLayout = {
  folded: false,
  open: ['session', 'vote', 'people'],
}

const sectionIds: readonly CockpitSectionId[] = [
  'session',
  'vote',
  'people',
  'timeline',
  'suggestions',
  'view',
  'history',
  'share',
]

/** Reads a stored layout, keeping only what this version knows (storage is user-editable). */
export function parseCockpitLayout(raw: string | null): CockpitLayout {
  if (raw === null) return defaultCockpitLayout
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return defaultCockpitLayout
    const { folded, open } = value as { folded?: unknown; open?: unknown }
    return {
      folded: folded === true,
      open: Array.isArray(open)
        ? sectionIds.filter((id) => open.includes(id))
        : defaultCockpitLayout.open,
    }
  } catch {
    return defaultCockpitLayout
  }
}

export function toggleSection(layout: CockpitLayout, id: CockpitSectionId): CockpitLayout {
  const open = layout.open.includes(id) ? layout.open.filter((s) => s !== id) : [...layout.open, id]
  return { ...layout, open }
}

/**
 * Share and board holds the secret links and the delete button: it opens when asked, never by
 * itself on the next board someone opens.
 */
export function restoredLayout(stored: CockpitLayout): CockpitLayout {
  return { ...stored, open: stored.open.filter((id) => id !== 'share') }
}

function read(): CockpitLayout {
  try {
    return restoredLayout(parseCockpitLayout(window.localStorage.getItem(storageKey)))
  } catch {
    return defaultCockpitLayout
  }
}

export function useCockpitLayout(): [CockpitLayout, (next: CockpitLayout) => void] {
  const [layout, setState] = useState(read)
  const setLayout = useCallback((next: CockpitLayout) => {
    setState(next)
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(next))
    } catch {
      // Storage disabled: the cockpit forgets its arrangement on reload.
    }
  }, [])
  return [layout, setLayout]
}
