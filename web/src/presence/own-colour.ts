import { atom } from 'tldraw'

/**
 * The colour this page picked for its person on the board it has open (colour-assignment.ts),
 * or null while no board is open. The presence binding sets it; the participant's badge,
 * tldraw's own avatar and the presence everyone else sees all read it, so a person looks the
 * same on every screen, their own included.
 */
export const boardColour = atom<string | null>('stormline board colour', null)
