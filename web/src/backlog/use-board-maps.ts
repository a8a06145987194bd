import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** Reads every board map of the doc as JSON (the input of readBoard and buildBacklog). */
export function readBoardMaps(doc: Y.Doc): BoardMapsJson {
  const json = (name: string): Record<string, unknown> => doc.getMap(name).toJSON()
  return {
    records: json(docLayout.records),
    session: json(docLayout.session),
    clusters: json(docLayout.clusters),
    suggestionDecisions: json(docLayout.suggestionDecisions),
    votes: json(docLayout.votes),
    assessments: json(docLayout.assessments),
    ballots: json(docLayout.ballots),
  }
}

/**
 * The board maps, re-read at most once per animation frame after any change:
 * a drag produces a change per frame, and panels only need the latest state.
 */
export function useBoardMaps(doc: Y.Doc): BoardMapsJson {
  const [maps, setMaps] = useState(() => readBoardMaps(doc))
  useEffect(() => {
    let frame = 0
    const schedule = (): void => {
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0
          setMaps(readBoardMaps(doc))
        })
      }
    }
    doc.on('update', schedule)
    setMaps(readBoardMaps(doc))
    return () => {
      doc.off('update', schedule)
      if (frame !== 0) cancelAnimationFrame(frame)
    }
  }, [doc])
  return maps
}
