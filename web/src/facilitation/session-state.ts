import { clampStep, readTimer, sessionKeys, type TimerState } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/**
 * The workshop's shared facilitation state — current step and countdown — lives in the Y.Doc's
 * `session` map, so the server persists it and syncs it to everyone like the board itself.
 */

export interface SessionState {
  step: number
  /** null until the facilitator sets a timer. */
  timer: TimerState | null
}

export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docLayout.session)
}

/** Tolerates anything a peer (or an older client) may have written. */
export function readSession(map: Pick<Y.Map<unknown>, 'get'>): SessionState {
  return {
    step: clampStep(map.get(sessionKeys.step)),
    timer: readTimer(map.get(sessionKeys.timer)),
  }
}

export function writeStep(doc: Y.Doc, step: number): void {
  doc.transact(() => sessionMap(doc).set(sessionKeys.step, clampStep(step)))
}

/**
 * Reads and writes in one transaction, so the update is computed from the timer as it is in the
 * doc rather than from a possibly stale rendering of it.
 */
export function updateTimer(
  doc: Y.Doc,
  update: (timer: TimerState | null) => TimerState | null,
): void {
  doc.transact(() => {
    const map = sessionMap(doc)
    const next = update(readTimer(map.get(sessionKeys.timer)))
    if (next === null) map.delete(sessionKeys.timer)
    else map.set(sessionKeys.timer, { ...next })
  })
}

/** Follows the session map; re-renders on local and remote changes alike. */
export function useSessionState(doc: Y.Doc): SessionState {
  const [state, setState] = useState(() => readSession(sessionMap(doc)))
  useEffect(() => {
    const map = sessionMap(doc)
    const refresh = (): void => setState(readSession(map))
    map.observe(refresh)
    // The doc may have changed between the first render and subscribing.
    refresh()
    return () => map.unobserve(refresh)
  }, [doc])
  return state
}
