/**
 * Each member's private document (ADR 0013): one small Y.Doc per person per board, synced only
 * between that person's own sockets (`/sync/:boardId/private`) and the server. What is secret
 * until the facilitator reveals it lives here, never in the board's shared document:
 *   - `votes`: key `mine` → `{ round, dots: { [targetId]: count } }`, this person's dots;
 *   - `ballots`: key targetId → `{ value, effort, name }`, this person's planning-poker ballot;
 *   - `drafts`: key record id → a tldraw note record as plain JSON, written during a
 *     silent-writing round (meta.stormline.draft === true), published by the server at reveal;
 *   - `member`: written by the server only: `{ memberId, role, coFacilitator }`, so the page
 *     learns at once when it is promoted or demoted; on an anonymous board also `stickies`
 *     (sticky id → true), the stickies this member added, which no sticky says any more
 *     (server/src/rooms/authored-stickies.ts). Read its fields one by one.
 * The server checks every write (member map: never; drafts: valid notes authored by the member).
 */
export const privateLayout = {
  votes: 'votes',
  ballots: 'ballots',
  drafts: 'drafts',
  member: 'member',
} as const

/** The one key of the private `votes` map. */
export const myVotesKey = 'mine'

/** Websocket path suffix of the private document: `/sync/<boardId>/private`. */
export const privateRoomSuffix = 'private'
