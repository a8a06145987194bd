import { atom } from 'tldraw'

/**
 * Why the last dot given on the canvas was refused ("You have used all 5 dots."), shown next to
 * the dots left by my name. One per page: a page shows one board.
 */
export const voteNotice = atom<{ text: string; at: number } | null>('canvas vote notice', null)
