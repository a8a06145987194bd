import type * as Y from 'yjs'

/** Every member's private document, in member id order (so results never depend on map order). */
export type MemberDocs = readonly (readonly [memberId: string, doc: Y.Doc])[]

export function sortedMembers(privates: ReadonlyMap<string, Y.Doc>): MemberDocs {
  return [...privates.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
