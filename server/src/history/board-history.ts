import { randomUUID } from 'node:crypto'
import { applyContentPlan } from '@stormline/shared/history/apply-content-plan'
import { countStickies, readBoardContent } from '@stormline/shared/history/board-content'
import { planSize } from '@stormline/shared/history/content-plan'
import type {
  CheckpointContent,
  CheckpointList,
  CheckpointSummary,
  RestoreDone,
  UndoDone,
} from '@stormline/shared/history/history-api'
import { planRestore } from '@stormline/shared/history/restore-plan'
import { planUndo } from '@stormline/shared/history/undo-plan'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import * as Y from 'yjs'
import type { Awaitable } from '../boards/awaitable.ts'
import type { BoardStore, CheckpointRecord, StoredCheckpoint } from '../boards/board-store.ts'
import type { Logger } from '../logging/logger.ts'
import { isAnonymousBoard } from '../sealed/note-authors.ts'
import { applyAuthorStrip, planAuthorStrip } from '../sealed/reconcile-anonymous.ts'
import { isCoveredByLatest } from './auto-checkpoint-policy.ts'
import { checkpointContent } from './checkpoint-content.ts'

/** How the history reads and changes a board's document (RoomRegistry does both). */
export interface BoardDocuments {
  readDocument<T>(boardId: string, read: (doc: Y.Doc) => T): Awaitable<T>
  writeDocument(boardId: string, change: (doc: Y.Doc) => void): Awaitable<void>
}

export interface HistoryRetention {
  /** Automatic checkpoints kept per board. */
  keepAuto: number
  /** Days automatic and before-restore checkpoints are kept. */
  keepDays: number
}

export interface BoardHistoryOptions {
  store: BoardStore
  documents: BoardDocuments
  logger: Logger
  retention: HistoryRetention
  /** Clock of checkpoint times and retention (default: real time). */
  now?: () => Date
}

/** Why an undo or a delete was refused (the route answers 404 or 409). */
export type HistoryRefusal = 'not_found' | 'not_undoable' | 'already_undone' | 'not_named'

/** Label of an automatic checkpoint (the list shows its time beside it). */
export const autoCheckpointName = 'Automatic checkpoint'

const dayMs = 24 * 60 * 60 * 1000

/**
 * A board's history (ADR 0015): checkpoints of its shared document in the store, viewed as
 * JSON, restored as one new change through the registry (stored and relayed like any edit, so
 * every peer sees it live and the update log is never rewritten), and a restore undone as
 * another such change that sets back only what the restore wrote and nobody changed since.
 */
export class BoardHistory {
  private readonly options: BoardHistoryOptions

  constructor(options: BoardHistoryOptions) {
    this.options = options
  }

  async list(boardId: string): Promise<CheckpointList> {
    const checkpoints = await this.options.store.listCheckpoints(boardId)
    const { keepAuto, keepDays } = this.options.retention
    return { checkpoints: checkpoints.map(toSummary), retention: { keepAuto, keepDays } }
  }

  /** A named checkpoint of the board as it is now. */
  async takeNamed(boardId: string, name: string): Promise<CheckpointSummary> {
    return toSummary(await this.save(boardId, await this.read(boardId), { kind: 'named', name }))
  }

  /**
   * An automatic checkpoint, unless one stored at or after `dirtySince` (by another node serving
   * the board, or a named one) already holds the changes since then. The board is read before
   * anything is awaited, so a caller on a live board captures it as it is in this tick (the
   * registry calls this as the last person leaves, before it unloads the board). Resolves to the
   * time (ms) up to which a stored checkpoint holds the board.
   */
  async takeAuto(boardId: string, dirtySince: number): Promise<number> {
    const reading = Promise.resolve(this.read(boardId))
    // Awaited below; until then a failed read must not count as an unhandled rejection.
    reading.catch(() => {})
    const [latest] = await this.options.store.listCheckpoints(boardId)
    const now = await reading
    if (latest && isCoveredByLatest(latest.createdAt.getTime(), dirtySince)) {
      return latest.createdAt.getTime()
    }
    const saved = await this.save(boardId, now, { kind: 'auto', name: autoCheckpointName })
    this.options.logger.info('history.auto_checkpoint', { boardId, checkpointId: saved.id })
    return saved.createdAt.getTime()
  }

  /** What the checkpoint held, for a read-only view; null when the board has no such checkpoint. */
  async content(boardId: string, checkpointId: string): Promise<CheckpointContent | null> {
    const checkpoint = await this.options.store.loadCheckpoint(boardId, checkpointId)
    if (!checkpoint) return null
    // Anonymous now means nobody is named, in the board's past too (ADR 0013).
    const anonymous = await this.options.documents.readDocument(boardId, isAnonymousBoard)
    const { records, clusters } = checkpointContent(checkpoint.state, { anonymous })
    return { checkpoint: toSummary(checkpoint), records, clusters }
  }

  /**
   * Restores a checkpoint: the board as it is now is kept first as a `before-restore`
   * checkpoint (what the undo goes back to), then every record, cluster and suggestion decision
   * that differs is written back in one change. Null when the board has no such checkpoint.
   */
  async restore(boardId: string, checkpointId: string): Promise<RestoreDone | null> {
    const { store, documents } = this.options
    const checkpoint = await store.loadCheckpoint(boardId, checkpointId)
    if (!checkpoint) return null
    const target = checkpointContent(checkpoint.state)
    const before = await this.save(boardId, await this.read(boardId), {
      kind: 'before-restore',
      name: `Before restoring “${checkpoint.name}”`,
      restoredFrom: checkpoint.id,
      restoredState: checkpoint.state,
    })
    // Planned inside the write, against the document it changes: an edit that arrived since the
    // read above is compared with too, and only fields that still differ are written.
    let changed = 0
    try {
      await documents.writeDocument(boardId, (doc) => {
        const plan = planRestore(readBoardContent(doc), target)
        changed = planSize(plan)
        applyContentPlan(doc, plan)
        keepAnonymous(doc)
      })
    } catch (error) {
      // Nothing was restored: no undo to offer.
      await store.deleteCheckpoint(boardId, before.id)
      throw error
    }
    this.options.logger.info('history.restored', { boardId, checkpointId, changed })
    return { restored: toSummary(checkpoint), undoCheckpointId: before.id, changed }
  }

  /** Undoes the restore a `before-restore` checkpoint precedes, once. */
  async undo(boardId: string, checkpointId: string): Promise<UndoDone | HistoryRefusal> {
    const { store, documents } = this.options
    const checkpoint = await store.loadCheckpoint(boardId, checkpointId)
    if (!checkpoint) return 'not_found'
    if (checkpoint.kind !== 'before-restore') return 'not_undoable'
    // Every restore keeps the state it restored beside the checkpoint taken before it.
    const { restoredState } = checkpoint
    if (!restoredState) return 'not_undoable'
    // Claimed first, atomically: of two undos at once (two nodes, a double click) one goes ahead.
    if (!(await store.setCheckpointUndone(boardId, checkpointId, true))) return 'already_undone'
    const before = checkpointContent(checkpoint.state)
    const restored = checkpointContent(restoredState)
    let changed = 0
    try {
      await documents.writeDocument(boardId, (doc) => {
        const plan = planUndo(before, restored, readBoardContent(doc))
        changed = planSize(plan)
        applyContentPlan(doc, plan)
        keepAnonymous(doc)
      })
    } catch (error) {
      await store.setCheckpointUndone(boardId, checkpointId, false)
      throw error
    }
    this.options.logger.info('history.restore_undone', { boardId, checkpointId, changed })
    return { changed }
  }

  /** Deletes a named checkpoint (the others go by retention). */
  async delete(boardId: string, checkpointId: string): Promise<'deleted' | HistoryRefusal> {
    const { store } = this.options
    const checkpoint = await store.loadCheckpoint(boardId, checkpointId)
    if (!checkpoint) return 'not_found'
    if (checkpoint.kind !== 'named') return 'not_named'
    return (await store.deleteCheckpoint(boardId, checkpointId)) ? 'deleted' : 'not_found'
  }

  /** The board's document now: its whole state and its sticky count. */
  private read(boardId: string): Awaitable<BoardState> {
    return this.options.documents.readDocument(boardId, (doc) => ({
      state: Y.encodeStateAsUpdate(doc),
      stickyCount: countStickies(readRecordsJson(doc)),
    }))
  }

  private async save(
    boardId: string,
    board: BoardState,
    what: Pick<StoredCheckpoint, 'kind' | 'name'> & Partial<StoredCheckpoint>,
  ): Promise<StoredCheckpoint> {
    const { store, retention } = this.options
    const createdAt = (this.options.now ?? (() => new Date()))()
    const checkpoint: StoredCheckpoint = {
      id: randomUUID(),
      boardId,
      createdAt,
      restoredFrom: null,
      undone: false,
      restoredState: null,
      ...board,
      ...what,
    }
    await store.saveCheckpoint(checkpoint)
    // After each save, so a board never holds more than retention allows for long.
    await store.pruneCheckpoints(boardId, {
      keepAuto: retention.keepAuto,
      keepSince: new Date(createdAt.getTime() - retention.keepDays * dayMs),
    })
    return checkpoint
  }
}

interface BoardState {
  state: Uint8Array
  stickyCount: number
}

/**
 * On an anonymous board, the authors a restore or an undo brought back (from a checkpoint taken
 * before the board turned anonymous) go again in the same change: nobody ever sees them (SEAL-5).
 */
function keepAnonymous(doc: Y.Doc): void {
  const strip = planAuthorStrip(doc)
  if (strip) applyAuthorStrip(doc, strip)
}

export function toSummary(checkpoint: CheckpointRecord): CheckpointSummary {
  return {
    id: checkpoint.id,
    kind: checkpoint.kind,
    name: checkpoint.name,
    createdAt: checkpoint.createdAt.toISOString(),
    stickyCount: checkpoint.stickyCount,
    ...(checkpoint.restoredFrom !== null ? { restoredFrom: checkpoint.restoredFrom } : {}),
    ...(checkpoint.kind === 'before-restore' ? { undone: checkpoint.undone } : {}),
  }
}
