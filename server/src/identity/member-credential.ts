import { randomBytes, timingSafeEqual } from 'node:crypto'
import { isMemberId } from '@stormline/shared/access/identity'
import { hashAccessToken, isWellFormedToken, newAccessToken } from '../access/tokens.ts'
import type { BoardStore, MemberRecord } from '../boards/board-store.ts'

/**
 * Member credentials (ADR 0013): `<memberId>.<secret>`. The id is 128 random bits (it names the
 * person in documents and awareness, so it is not secret); the secret has the shape and strength
 * of an access token (192 bits) and the store keeps only its SHA-256, like token hashes.
 */

const memberIdBytes = 16
const separator = '.'
/** 22 (id) + 1 + 32 (secret): anything longer is refused before it is split. */
const credentialLength = 55

export interface MemberCredential {
  memberId: string
  secret: string
}

export interface MintedMember {
  record: MemberRecord
  credential: string
}

export function newMemberId(): string {
  return randomBytes(memberIdBytes).toString('base64url')
}

export function hashMemberSecret(secret: string): string {
  return hashAccessToken(secret)
}

/** A fresh member (not yet stored) and the credential only its holder will ever see. */
export function mintMember(now: Date): MintedMember {
  const memberId = newMemberId()
  const secret = newAccessToken()
  return {
    record: { memberId, secretHash: hashMemberSecret(secret), grant: null, createdAt: now },
    credential: formatMemberCredential({ memberId, secret }),
  }
}

export function formatMemberCredential(credential: MemberCredential): string {
  return `${credential.memberId}${separator}${credential.secret}`
}

/** The parts of a credential, or undefined for anything that cannot be one (never throws). */
export function parseMemberCredential(value: unknown): MemberCredential | undefined {
  if (typeof value !== 'string' || value.length !== credentialLength) return undefined
  const at = value.indexOf(separator)
  if (at < 0) return undefined
  const memberId = value.slice(0, at)
  const secret = value.slice(at + 1)
  if (!isMemberId(memberId) || !isWellFormedToken(secret)) return undefined
  return { memberId, secret }
}

/**
 * The stored member a credential proves, or undefined. The hashes are compared in constant time
 * so the answer time does not tell how much of a guessed secret was right.
 */
export async function verifyMemberCredential(
  store: BoardStore,
  boardId: string,
  credential: string | undefined,
): Promise<MemberRecord | undefined> {
  const parsed = parseMemberCredential(credential)
  if (!parsed) return undefined
  const member = await store.getMember(boardId, parsed.memberId)
  if (!member) return undefined
  return sameHash(member.secretHash, hashMemberSecret(parsed.secret)) ? member : undefined
}

function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex')
  const b = Buffer.from(presented, 'hex')
  // A corrupt stored hash (wrong length) proves nothing rather than throwing.
  return a.byteLength === b.byteLength && a.byteLength > 0 && timingSafeEqual(a, b)
}
