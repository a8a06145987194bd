import { useCallback, useState } from 'react'

/** Whether the backlog drawer is open, remembered per browser (not per board: it is a habit). */
const storageKey = 'stormline.backlogOpen'

function readOpen(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === 'true'
  } catch {
    return false
  }
}

export function useDrawerOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpenState] = useState(readOpen)
  const setOpen = useCallback((next: boolean) => {
    setOpenState(next)
    try {
      window.localStorage.setItem(storageKey, String(next))
    } catch {
      // Storage disabled: the drawer just forgets on reload.
    }
  }, [])
  return [open, setOpen]
}
