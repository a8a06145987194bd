import {
  readSilentWriting,
  type SilentWriting,
  silentWritingKey,
} from '@stormline/shared/board/silent-writing'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'
import { useSessionMapValue } from '../backlog/use-session-value.ts'

/**
 * The silent-writing round in the board's session map (facilitator-only, like the rest of it):
 * the facilitator starts a round and later reveals it; the server then publishes every draft.
 */

/** The next state when the facilitator starts a round: a fresh round number. */
export function startedRound(current: SilentWriting): SilentWriting {
  return { status: 'writing', round: current.round + 1 }
}

/** The state after the reveal: the same round, over. */
export function revealedRound(current: SilentWriting): SilentWriting {
  return { status: 'off', round: current.round }
}

/**
 * Reads and writes in one transaction, so the round number comes from the doc as it is, not from
 * a possibly stale rendering of it.
 */
function updateSilentWriting(doc: Y.Doc, next: (current: SilentWriting) => SilentWriting): void {
  doc.transact(() => {
    const session = doc.getMap<unknown>(docLayout.session)
    session.set(silentWritingKey, { ...next(readSilentWriting(session.get(silentWritingKey))) })
  })
}

export function startSilentWriting(doc: Y.Doc): void {
  updateSilentWriting(doc, startedRound)
}

export function revealSilentWriting(doc: Y.Doc): void {
  updateSilentWriting(doc, revealedRound)
}

/** Whether a round is on, read straight from the doc (for code outside React). */
export function isWritingIn(doc: Y.Doc): boolean {
  const session = doc.getMap<unknown>(docLayout.session)
  return readSilentWriting(session.get(silentWritingKey)).status === 'writing'
}

/** The round as it is now, following local and remote changes. */
export function useSilentWriting(doc: Y.Doc): SilentWriting {
  return readSilentWriting(useSessionMapValue(doc, silentWritingKey))
}
