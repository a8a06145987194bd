import type { BoardStore, MemberRecord } from '../boards/board-store.ts'
import { mintMember, verifyMemberCredential } from './member-credential.ts'

export interface EnsuredMember {
  member: MemberRecord
  /** The presented credential when it proved a member, else the new member's. */
  credential: string
  minted: boolean
}

/**
 * The member a credential proves, or a new one stored on the board. A credential that proves
 * nobody (garbage, a wrong secret, another board's) never leads to an existing member: its
 * holder becomes someone new. Throws BoardNotFoundError if the board is gone.
 */
export async function ensureMember(
  store: BoardStore,
  boardId: string,
  credential: string | undefined,
  now: Date,
): Promise<EnsuredMember> {
  const member = await verifyMemberCredential(store, boardId, credential)
  if (member && credential !== undefined) return { member, credential, minted: false }
  const fresh = mintMember(now)
  await store.addMember(boardId, fresh.record)
  return { member: fresh.record, credential: fresh.credential, minted: true }
}
