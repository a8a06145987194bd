import type { BoardRole } from '@stormline/shared/access/roles'

/**
 * Who this page is on the board, as the server writes it into the member's private document
 * (`member` map, shared/src/sync/private-layout.ts): the page follows it live, so a participant
 * made co-facilitator gets the facilitator's controls at once, and loses them when demoted.
 */
export interface PrivateMember {
  memberId: string
  role: BoardRole
  coFacilitator: boolean
}

const roles: ReadonlySet<string> = new Set<BoardRole>(['facilitator', 'participant', 'viewer'])

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/**
 * Reads the `member` map as plain JSON. The server writes the fields as the map's keys; a
 * single nested object under `member` is read as well, so a layout change on either side
 * leaves the page on its link's role instead of breaking it. Anything malformed: null.
 */
export function readPrivateMember(json: unknown): PrivateMember | null {
  const map = asRecord(json)
  if (map === null) return null
  const fields = typeof map.memberId === 'string' ? map : asRecord(map.member)
  if (fields === null) return null
  const { memberId, role, coFacilitator } = fields
  if (typeof memberId !== 'string' || memberId === '') return null
  if (typeof role !== 'string' || !roles.has(role)) return null
  return { memberId, role: role as BoardRole, coFacilitator: coFacilitator === true }
}
