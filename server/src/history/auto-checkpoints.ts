import { BoardNotFoundError } from '../boards/board-store.ts'
import type { Logger } from '../logging/logger.ts'
import { realTimers, type Timers } from '../rooms/timers.ts'
import { autoCheckpointDueAt, dirtyAfterAttempt } from './auto-checkpoint-policy.ts'

export interface AutoCheckpointsOptions {
  /** At most one automatic checkpoint per board this often during activity, in ms (0: none). */
  intervalMs: number
  /**
   * Takes the checkpoint (BoardHistory.takeAuto): reads the board in the calling tick, then
   * stores it unless a stored checkpoint already covers everything since `dirtySince`.
   */
  take: (boardId: string, dirtySince: number) => Promise<unknown>
  logger: Logger
  /** Clock and timers (default: real, unref'd). */
  timers?: Timers
}

interface BoardState {
  /** First change not yet in a checkpoint (ms), or null when the board is clean. */
  dirtySince: number | null
  timer: unknown
  /** A checkpoint is being taken; changes meanwhile are kept apart (it read the board before them). */
  taking: boolean
  firstChangeWhileTaking: number | null
  /** Nobody is on the board here any more (changes made meanwhile are kept at once). */
  idle: boolean
}

/**
 * Automatic checkpoints during activity (ADR 0015; rules in auto-checkpoint-policy.ts): the room
 * registry reports each change to a board and the last person leaving it (RoomRegistry's
 * `activity` option); this takes a checkpoint once a board has been changing for the interval,
 * and when the last person leaves a board changed since its last checkpoint.
 */
export class AutoCheckpoints {
  private readonly boards = new Map<string, BoardState>()
  private readonly options: AutoCheckpointsOptions
  private readonly timers: Timers
  private closed = false

  constructor(options: AutoCheckpointsOptions) {
    this.options = options
    this.timers = options.timers ?? realTimers
  }

  /** Boards with changes not yet in a checkpoint (for tests and diagnostics). */
  get dirtyBoards(): string[] {
    return [...this.boards].filter(([, s]) => s.dirtySince !== null).map(([id]) => id)
  }

  /** A change was made to the board on this node. */
  changed(boardId: string): void {
    if (this.closed || this.options.intervalMs <= 0) return
    const now = this.timers.now()
    const state = this.stateOf(boardId)
    state.idle = false
    if (state.taking) {
      state.firstChangeWhileTaking ??= now
      return
    }
    if (state.dirtySince !== null) return
    state.dirtySince = now
    this.schedule(boardId, state, autoCheckpointDueAt(now, this.options.intervalMs))
  }

  /**
   * The last person on this node left the board, which is about to be unloaded: a checkpoint now
   * if it changed since the last one (it is read before the unload, in this tick).
   */
  idle(boardId: string): void {
    const state = this.boards.get(boardId)
    if (!state) return
    state.idle = true
    if (state.dirtySince !== null && !state.taking) this.run(boardId)
    else if (state.dirtySince === null && !state.taking) this.boards.delete(boardId)
  }

  /** Stops every timer (the server is stopping); changes are no longer tracked. */
  close(): void {
    this.closed = true
    for (const state of this.boards.values()) this.clear(state)
    this.boards.clear()
  }

  private stateOf(boardId: string): BoardState {
    let state = this.boards.get(boardId)
    if (!state) {
      state = {
        dirtySince: null,
        timer: null,
        taking: false,
        firstChangeWhileTaking: null,
        idle: false,
      }
      this.boards.set(boardId, state)
    }
    return state
  }

  private schedule(boardId: string, state: BoardState, at: number): void {
    this.clear(state)
    state.timer = this.timers.setTimeout(
      () => {
        state.timer = null
        this.run(boardId)
      },
      Math.max(0, at - this.timers.now()),
    )
  }

  private clear(state: BoardState): void {
    if (state.timer !== null) this.timers.clearTimeout(state.timer)
    state.timer = null
  }

  private run(boardId: string): void {
    const state = this.boards.get(boardId)
    if (this.closed || !state || state.dirtySince === null || state.taking) return
    this.clear(state)
    const dirtySince = state.dirtySince
    state.dirtySince = null
    state.taking = true
    state.firstChangeWhileTaking = null
    let taking: Promise<unknown>
    try {
      taking = this.options.take(boardId, dirtySince)
    } catch (error) {
      taking = Promise.reject(error)
    }
    taking.then(
      () => this.settle(boardId, state, { ok: true, dirtySince }),
      (error: unknown) => {
        if (error instanceof BoardNotFoundError) {
          // Deleted meanwhile: nothing left to keep.
          this.clear(state)
          this.boards.delete(boardId)
          return
        }
        this.options.logger.warn('history.auto_checkpoint_failed', { boardId, error })
        this.settle(boardId, state, { ok: false, dirtySince })
      },
    )
  }

  private settle(boardId: string, state: BoardState, attempt: { ok: boolean; dirtySince: number }) {
    state.taking = false
    if (this.closed || this.boards.get(boardId) !== state) return
    state.dirtySince = dirtyAfterAttempt(attempt, state.firstChangeWhileTaking)
    state.firstChangeWhileTaking = null
    // Clean: nothing to remember until the next change (a board edited over the API while nobody
    // is on it never reports leaving).
    if (state.dirtySince === null) {
      this.boards.delete(boardId)
      return
    }
    // A failure is tried again an interval later, never in a loop.
    const now = this.timers.now()
    const due = attempt.ok
      ? autoCheckpointDueAt(state.dirtySince, this.options.intervalMs)
      : now + this.options.intervalMs
    // Everyone left while it was taken and more changed meanwhile: that is kept now too.
    this.schedule(boardId, state, state.idle && attempt.ok ? now : due)
  }
}
