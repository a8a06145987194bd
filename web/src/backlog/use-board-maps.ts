import { type BoardMapsJson, boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/**
 * The board maps, re-read at most once per animation frame after any change:
 * a drag produces a change per frame, and panels only need the latest state.
 */
export function useBoardMaps(doc: Y.Doc): BoardMapsJson {
  const [maps, setMaps] = useState(() => boardMapsOf(doc))
  useEffect(() => {
    let frame = 0
    const schedule = (): void => {
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0
          setMaps(boardMapsOf(doc))
        })
      }
    }
    doc.on('update', schedule)
    setMaps(boardMapsOf(doc))
    return () => {
      doc.off('update', schedule)
      if (frame !== 0) cancelAnimationFrame(frame)
    }
  }, [doc])
  return maps
}
