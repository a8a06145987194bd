/**
 * Facilitation state shared by everyone on a board, kept in the Y.Doc's
 * `session` map (docLayout.session) next to tldraw's records.
 */

export const sessionKeys = {
  /** Current workshop step, 1–6. */
  step: 'step',
  /** TimerState. */
  timer: 'timer',
  /** true: the board hides who wrote each sticky, in the UI and in every export. */
  anonymous: 'anonymous',
  /** The board's name, written by the server when the facilitator renames it, so it shows live. */
  boardName: 'boardName',
} as const

export interface WorkshopStep {
  number: number
  title: string
  instruction: string
}

export const workshopSteps: readonly WorkshopStep[] = [
  {
    number: 1,
    title: 'Map the steps',
    instruction:
      'Put every step or event that happens from the start to the end on orange stickies, in order along the timeline.',
  },
  {
    number: 2,
    title: 'Overlay pain points',
    instruction:
      'Add red stickies on or next to the steps that hurt: waits, hand-offs, rework, blockers.',
  },
  {
    number: 3,
    title: 'Overlay technologies, time and teams',
    instruction:
      'Add the systems used (blue), the time each part takes (yellow) and the teams involved (green).',
  },
  {
    number: 4,
    title: 'Deep-dive',
    instruction:
      'Open stickies one by one, capture the context behind them and flag what needs a deeper look.',
  },
  {
    number: 5,
    title: 'Cluster and vote',
    instruction:
      'Group related pain points into clusters, then spend your dots on what matters most.',
  },
  {
    number: 6,
    title: 'Prioritise and export',
    instruction: 'Rank the clusters by value for effort and export the discovery backlog.',
  },
]

export const firstStep = 1
export const lastStep = workshopSteps.length

export function clampStep(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : firstStep
  return Math.min(lastStep, Math.max(firstStep, n))
}

/**
 * A countdown everyone sees. Stored as "remaining when last started or
 * paused" plus the start time, so each client derives the remaining time from
 * its own clock without a stream of ticks through the document.
 */
export interface TimerState {
  durationMs: number
  /** Remaining time at `startedAt` (or now, while paused). */
  remainingMs: number
  /** Epoch ms (server-corrected clock) when it was last started; null while paused or reset. */
  startedAt: number | null
}

export function readTimer(value: unknown): TimerState | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const num = (x: unknown): number | null =>
    typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null
  const durationMs = num(v.durationMs)
  const remainingMs = num(v.remainingMs)
  if (durationMs === null || remainingMs === null) return null
  return { durationMs, remainingMs, startedAt: num(v.startedAt) }
}

export function timerRemainingMs(timer: TimerState, now: number): number {
  if (timer.startedAt === null) return timer.remainingMs
  // A start time slightly in this client's future (clock correction still settling) must not
  // show more time than was left.
  const elapsed = Math.max(0, now - timer.startedAt)
  return Math.max(0, timer.remainingMs - elapsed)
}

export function startTimer(timer: TimerState, now: number): TimerState {
  if (timer.startedAt !== null) return timer
  return { ...timer, startedAt: now }
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.startedAt === null) return timer
  return { ...timer, remainingMs: timerRemainingMs(timer, now), startedAt: null }
}

export function resetTimer(timer: TimerState, durationMs = timer.durationMs): TimerState {
  return { durationMs, remainingMs: durationMs, startedAt: null }
}

/** Whether the board runs in anonymous mode (session map value; anything but `true` is off). */
export function readAnonymous(value: unknown): boolean {
  return value === true
}

/** The live board name from the session map, or null when the board was never renamed. */
export function readBoardName(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}
