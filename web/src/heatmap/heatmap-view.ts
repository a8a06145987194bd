import type { HeatVotes, PainHeat, StepHeat } from '@stormline/shared/board/pain-heat'
import type { BoardModel } from '@stormline/shared/board/read-board'
import type { VoteView } from '../backlog/vote-view.ts'

/**
 * How the pain heat-map is drawn: a shaded column under each phase, as tall as the stickies
 * along the timeline, deeper red where it hurts more; the phase's counts just under the bar
 * (stickies go above it, and the bar is always in the opening view); a badge on each step that
 * has pain. Sizes are page units.
 */

export interface HeatColumn {
  phaseId: string
  name: string
  x: number
  y: number
  w: number
  h: number
  pain: number
  votes: number
  intensity: number
  /** Where the phase's counts go: just under the timeline's bar, which the opening view shows. */
  countsY: number
}

/** Page units the columns reach beyond the stickies above and below the timeline. */
export const columnMargin = 60

/** One column per phase, all spanning the stickies that sit on the timeline (and the bar). */
export function heatColumns(model: BoardModel, heat: PainHeat): HeatColumn[] {
  const timeline = model.timeline
  if (timeline === null) return []
  const onTimeline = model.stickies.filter(
    (s) => s.pageId === timeline.pageId && s.phaseId !== null,
  )
  const top = Math.min(timeline.bounds.y, ...onTimeline.map((s) => s.bounds.y)) - columnMargin
  const bottom =
    Math.max(
      timeline.bounds.y + timeline.bounds.h,
      ...onTimeline.map((s) => s.bounds.y + s.bounds.h),
    ) + columnMargin
  return heat.phases.map((phase) => ({
    phaseId: phase.phaseId,
    name: phase.name,
    x: phase.startX,
    y: top,
    w: phase.endX - phase.startX,
    h: bottom - top,
    pain: phase.pain,
    votes: phase.votes,
    intensity: phase.intensity,
    countsY: timeline.bounds.y + timeline.bounds.h,
  }))
}

/** The column's shade: none where nothing hurts, up to a clear red for the hottest phase. */
export function heatFill(intensity: number): string {
  if (intensity <= 0) return 'transparent'
  const alpha = 0.06 + 0.3 * Math.min(1, intensity)
  return `rgb(224 49 49 / ${alpha.toFixed(3)})`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * "3 pain points · 5 votes". While a vote is open the votes are only my own dots, and say so;
 * before any vote there are no votes to speak of.
 */
export function heatLabel(pain: number, votes: number, source: HeatVotes['source']): string {
  const painText = plural(pain, 'pain point')
  if (source === 'none') return painText
  if (source === 'mine') return `${painText} · ${plural(votes, 'dot')} of yours`
  return `${painText} · ${plural(votes, 'vote')}`
}

/**
 * The votes the heat-map counts: the closed vote's totals; while a vote is open only my own dots
 * (a viewer has none); before any vote, none.
 */
export function heatVotesOf(view: VoteView, hasOwnDots: boolean): HeatVotes {
  if (view.status === 'closed' && view.totals !== null) {
    return { source: 'totals', counts: view.totals }
  }
  if (view.status === 'open' && hasOwnDots) return { source: 'mine', counts: view.mine }
  return { source: 'none', counts: new Map() }
}

/** The steps worth a badge: those with pain points or votes. */
export function hotSteps(heat: PainHeat): StepHeat[] {
  return heat.steps.filter((s) => s.pain > 0 || s.votes > 0)
}

/** Font size, in page units, of the heat-map's counts: about 13 px on screen. */
export function heatFontSize(zoom: number): number {
  return Math.min(48, Math.max(14, 13 / Math.max(zoom, 0.01)))
}
