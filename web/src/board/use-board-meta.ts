import type { BoardMeta } from '@stormline/shared/api/types'
import { useEffect, useState } from 'react'
import { getBoard } from '../api/client.ts'

export type BoardMetaState =
  | { state: 'loading' }
  | { state: 'found'; board: BoardMeta }
  | { state: 'not-found' }
  /** The check itself failed (server down?); the websocket decides then. */
  | { state: 'unknown' }

export function useBoardMeta(boardId: string): BoardMetaState {
  const [meta, setMeta] = useState<BoardMetaState>({ state: 'loading' })
  useEffect(() => {
    let current = true
    setMeta({ state: 'loading' })
    getBoard(boardId).then(
      (board) => {
        if (current) setMeta(board === null ? { state: 'not-found' } : { state: 'found', board })
      },
      (error: unknown) => {
        console.warn('[stormline] could not look up the board', error)
        if (current) setMeta({ state: 'unknown' })
      },
    )
    return () => {
      current = false
    }
  }, [boardId])
  return meta
}
