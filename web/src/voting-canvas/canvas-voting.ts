import type { VoteSession } from '@stormline/shared/backlog/voting'
import { type VoteSources, type VoteView, voteView } from '../backlog/vote-view.ts'

/**
 * Voting on the canvas: cluster labels and unclustered pain points take dots where they are.
 * What the canvas shows is stricter than the backlog drawer: while a vote is open, everyone,
 * the facilitator included, sees only their own dots on the board, because the board is what
 * gets projected or screen-shared; the facilitator's running counts stay in the drawer.
 */

export function canvasVoteView(session: VoteSession, sources: VoteSources): VoteView {
  return voteView(session, { ...sources, live: null }, { isFacilitator: false })
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** What a target on the canvas says about its votes; null when there is nothing to show. */
export function canvasTargetText(view: VoteView, targetId: string): string | null {
  const mine = view.mine.get(targetId) ?? 0
  if (view.status === 'open') return mine === 0 ? 'no dots yet' : `${plural(mine, 'dot')} yours`
  if (view.status === 'closed' && view.totals !== null) {
    const total = view.totals.get(targetId) ?? 0
    return mine > 0 ? `${plural(total, 'vote')} (${mine} yours)` : plural(total, 'vote')
  }
  return null
}

/** The accessible name of a target's add button. */
export function addDotLabel(name: string, mine: number): string {
  const given = mine === 0 ? 'none of your dots yet' : `${plural(mine, 'dot')} of yours`
  return `Give “${name}” a dot (it has ${given}; Delete takes one back)`
}

export function removeDotLabel(name: string): string {
  return `Take a dot back from “${name}”`
}

/** Dots left, shown next to my name while a vote is open; null otherwise. */
export function dotsLeftText(view: VoteView): string | null {
  if (view.status !== 'open') return null
  return `${view.remaining} of ${plural(view.budget, 'dot')} left`
}

/** The vote's status line (the cockpit's Dot vote section): what is going on and where to vote. */
export function voteStatusText(view: VoteView, canVote: boolean): string {
  switch (view.status) {
    case 'idle':
      return 'No vote yet'
    case 'closed':
      return 'Vote closed: the totals are on the board and in the backlog'
    case 'open':
      if (!canVote) {
        return `Vote open: participants give ${plural(view.budget, 'dot')} each on the board; the totals show once it closes`
      }
      return view.remaining === 0
        ? `Vote open: all your ${plural(view.budget, 'dot')} are given; right-click a dot on the board to take it back`
        : `Vote open: click a cluster name or a pain point on the board to give it a dot (${view.remaining} left)`
  }
}

/**
 * What a key does on a focused vote target: Enter and Space click the button (the browser
 * does that; the board must not see them), + adds, Delete, Backspace and − take a dot back.
 * Null: the key is none of ours.
 */
export function voteKeyAction(key: string): 'click' | 'add' | 'remove' | null {
  switch (key) {
    case 'Enter':
    case ' ':
      return 'click'
    case '+':
      return 'add'
    case '-':
    case 'Backspace':
    case 'Delete':
      return 'remove'
    default:
      return null
  }
}

/** The pain points that take dots themselves: those in no (visible) cluster. */
export function unclusteredPainIds(
  painIds: readonly string[],
  clusters: readonly { memberIds: readonly string[] }[],
): string[] {
  const clustered = new Set(clusters.flatMap((c) => c.memberIds))
  return painIds.filter((id) => !clustered.has(id))
}

/**
 * Font size, in page units, of the dot controls on a pain point: about 12 px on screen at any
 * zoom, but never larger than a sticky can carry (zoomed far out, nobody votes anyway).
 */
export function chipFontSize(zoom: number): number {
  return Math.min(28, Math.max(11, 12 / Math.max(zoom, 0.01)))
}

interface Box {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The room a pain point's dot controls take, in ems of their font size: "+ ● 2 −" on one line
 * (the chip's CSS caps its width at this, so collisions are checked against its real box).
 */
export const chipEm = { w: 7, h: 2 } as const

function collides(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/**
 * Where a pain point's dot controls sit, in page space (the centre of the chip): inside the
 * sticky at the middle of its bottom edge, so they never stick out over a neighbour; at its top
 * edge instead when a cluster label (`taken`) is in the way, so labels and chips never cover
 * one another's buttons. When both places are taken, the bottom wins.
 */
export function chipAnchor(
  bounds: Box,
  fontSize: number,
  taken: readonly Box[] = [],
): { x: number; y: number } {
  const w = chipEm.w * fontSize
  const h = chipEm.h * fontSize
  const inset = Math.min(0.3 * fontSize, bounds.h / 20)
  const x = bounds.x + bounds.w / 2
  const candidates = [bounds.y + bounds.h - inset - h / 2, bounds.y + inset + h / 2]
  const free = candidates.find((y) => {
    const box = { x: x - w / 2, y: y - h / 2, w, h }
    return !taken.some((other) => collides(box, other))
  })
  return { x, y: free ?? (candidates[0] as number) }
}
