import { privateLayout } from '@stormline/shared/sync/private-layout'
import * as Y from 'yjs'

/**
 * The stickies a member added to the board, remembered by the server in the member's private
 * document (a map of sticky id → true under this key of the server-written `member` map). On an
 * anonymous board no sticky names its author, and the facilitator's tally still needs to know
 * who has written something; kept there, it outlives a restart like the rest of the member's
 * state, and only the member (who knows it anyway) can read it.
 */
export const authoredStickiesKey = 'stickies'

/**
 * Most sticky ids kept per member: far beyond a workshop, and it bounds what a member's private
 * document (saved whole on each change) spends on them. Past it the tally can only be wrong for
 * someone who then deletes every one of those stickies and keeps a later one.
 */
export const maxAuthoredStickies = 1000

export function authoredStickies(doc: Y.Doc): string[] {
  const map = doc.getMap<unknown>(privateLayout.member).get(authoredStickiesKey)
  return map instanceof Y.Map ? [...map.keys()] : []
}

/** Whether adding these ids would change anything (some are new and there is room). */
export function wouldAddAuthoredStickies(doc: Y.Doc, ids: readonly string[]): boolean {
  const map = doc.getMap<unknown>(privateLayout.member).get(authoredStickiesKey)
  if (!(map instanceof Y.Map)) return ids.length > 0
  return map.size < maxAuthoredStickies && ids.some((id) => !map.has(id))
}

/** Adds the ids not there yet, up to the bound (call inside the server's write of the document). */
export function addAuthoredStickies(doc: Y.Doc, ids: readonly string[]): void {
  if (!wouldAddAuthoredStickies(doc, ids)) return
  const member = doc.getMap<unknown>(privateLayout.member)
  const current = member.get(authoredStickiesKey)
  const map = current instanceof Y.Map ? (current as Y.Map<boolean>) : new Y.Map<boolean>()
  if (!(current instanceof Y.Map)) member.set(authoredStickiesKey, map)
  for (const id of ids) {
    if (map.size >= maxAuthoredStickies) break
    if (!map.has(id)) map.set(id, true)
  }
}
