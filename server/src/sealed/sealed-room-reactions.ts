import { isMemberId } from '@stormline/shared/access/identity'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import type { Logger } from '../logging/logger.ts'
import { addAuthoredStickies } from '../rooms/authored-stickies.ts'
import type { BoardPrivates } from '../rooms/board-privates.ts'
import type { Room } from '../rooms/room.ts'
import { isAnonymousBoard, notesByAuthor } from './note-authors.ts'
import { reconcileShared } from './reconcile-shared.ts'

/** A live board as the sealed-state reactions see it: its shared room and its private documents. */
export interface SealedBoard {
  room: Room
  privates: BoardPrivates
}

/**
 * Brings the board's shared document in line with its members' private documents (ADR 0013),
 * after a facilitator's update, after a private update and when the room loads. The shared
 * change (vote result, revealed ballots, published drafts, stripped authors) is ONE server
 * update, stored before it is relayed (Room.serverWrite); only once it is stored are the
 * published drafts removed from their authors' private documents, so a crash in between
 * publishes nothing twice and loses nothing (reconcileShared drops a draft already on the board).
 *
 * On an anonymous board the stickies whose author the update strips, and the drafts it publishes
 * without one, are remembered in their authors' private documents first (authored-stickies.ts):
 * the board no longer says who wrote them, and the facilitator's tally still counts it.
 */
export function reconcileBoard(board: SealedBoard, logger: Logger): void {
  const { room, privates } = board
  if (!room.live) return
  const docs = privates.docs()
  // Exactly the notes the strip will take the author from (none unless the board is anonymous).
  const authored = isAnonymousBoard(room.doc)
    ? notesByAuthor(room.doc)
    : new Map<string, string[]>()
  // Set by the change below, read once it is stored.
  let published = new Map<string, string[]>()
  room.serverWrite(
    (shared, origin) => {
      const outcome = reconcileShared(shared, docs, origin)
      published = outcome.publishedDrafts
      for (const [memberId, skipped] of outcome.skippedDrafts) {
        for (const draft of skipped) {
          logger.warn('sealed.draft_skipped', {
            boardId: room.boardId,
            memberId,
            draftId: draft.id.slice(0, 120),
            reason: draft.reason.slice(0, 300),
          })
        }
      }
    },
    // Only once the published drafts are stored do they leave their authors' private documents
    // (at once with a store that answers in the calling tick; after the write otherwise).
    () => forgetPublished(board, published, authored),
  )
}

function forgetPublished(
  { room, privates }: SealedBoard,
  published: ReadonlyMap<string, string[]>,
  authored: ReadonlyMap<string, string[]>,
): void {
  if (!room.live) return
  const anonymous = isAnonymousBoard(room.doc)
  const members = new Set([...published.keys(), ...authored.keys()])
  for (const memberId of members) {
    const own = isMemberId(memberId) ? privates.ofMember(memberId) : undefined
    if (!own) continue
    const drafts = published.get(memberId) ?? []
    const remembered = [...(authored.get(memberId) ?? []), ...(anonymous ? drafts : [])]
    // One save per member: the published drafts leave, the stickies they authored are noted.
    own.write((doc) => {
      const map = doc.getMap<unknown>(privateLayout.drafts)
      for (const id of drafts) map.delete(id)
      if (remembered.length > 0) addAuthoredStickies(doc, remembered)
    })
  }
}

/**
 * Remembers the stickies a member added to an anonymous board, where no sticky names its author
 * (on any other board the author is in the sticky). Tracked only there, so a busy board does not
 * pay one private save per sticky.
 */
export function recordAuthoredNotes(
  board: SealedBoard,
  memberId: string,
  noteIds: readonly string[],
): void {
  // A bare-role socket (the sync core's tests) stands for nobody.
  if (noteIds.length === 0 || !isMemberId(memberId) || !isAnonymousBoard(board.room.doc)) return
  board.privates.get(memberId).recordAuthoredStickies(noteIds)
}
