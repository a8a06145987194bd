import * as Y from 'yjs'

/**
 * Undo and redo of this browser's own edits to the board's records (sync rules UNDO-1..3).
 *
 * A `Y.UndoManager` scoped to the `records` map that tracks only the binding's own write origin:
 * an undo step holds the Yjs items this person inserted and deleted, so undoing it reverts their
 * fields and never anyone else's (a peer's text, colour or meta on the same sticky stays), and
 * remote updates never enter the stack. Steps are cut where tldraw cuts its own history (every
 * `markHistoryStoppingPoint`: the start of a drag, a tool, a style change…), not on a timer, so a
 * whole drag is one step and the first Ctrl+Z after an edit undoes that edit.
 *
 * What Yjs decides for us, on purpose:
 *   - a field someone else changed after me is not reverted by my undo (Yjs refuses to restore my
 *     old value over a newer remote one);
 *   - a sticky someone else deleted is not resurrected by undoing my earlier edit of it: Yjs does
 *     not restore items whose parent was deleted by someone else. The step then changes nothing,
 *     and Yjs moves on to the step before it, so a Ctrl+Z never does nothing while older steps
 *     remain;
 *   - undoing my own deletion restores the sticky as it was when I deleted it.
 * What we add: those refusals can leave a field with no value at all (my value removed, the older
 * one not restored because a peer wrote the field in between; or a restored sticky missing a
 * field a peer changed while it was deleted). Such a record is invalid: every browser would skip
 * it and the server would refuse the update. So each undo and redo runs in one transaction with
 * `repair`, which fills the empty fields (the binding fills them from the record as this browser
 * last had it); peers receive the undo and its repair as one update.
 */
export interface BoardUndo {
  /** Undoes this person's last step; false when there was nothing (left) to undo. */
  undo(): boolean
  redo(): boolean
  /** Ends the current step: the next edit starts a new one. */
  stopCapturing(): void
  canUndo(): boolean
  canRedo(): boolean
  /** Drops both stacks, releasing the deleted content they kept from garbage collection. */
  clear(): void
  /** Clears and stops tracking. */
  destroy(): void
}

export interface BoardUndoOptions {
  /** Runs inside the undo's (or redo's) transaction, after Yjs made its changes. */
  repair?: (transaction: Y.Transaction) => void
}

export function createBoardUndo(
  records: Y.Map<unknown>,
  trackedOrigin: unknown,
  { repair = () => {} }: BoardUndoOptions = {},
): BoardUndo {
  const manager = new Y.UndoManager(records, {
    trackedOrigins: new Set([trackedOrigin]),
    // Steps end only at tldraw's stopping points (stopCapturing), never because time passed.
    captureTimeout: Number.POSITIVE_INFINITY,
  })
  const doc = manager.doc

  function pop(direction: 'undo' | 'redo'): boolean {
    if (doc._transaction !== null || doc._transactionCleanups.length > 0) {
      // Called from inside a Yjs transaction or observer: our transaction would only be cleaned
      // up after this call returns (see below), so run right after the current one instead.
      queueMicrotask(() => pop(direction))
      return false
    }
    let changed = false
    try {
      doc.transact((transaction) => {
        // Joins this transaction instead of making its own.
        changed = (direction === 'undo' ? manager.undo() : manager.redo()) !== null
        if (changed) repair(transaction)
        // The manager files a transaction of its own origin as the inverse step (on the redo
        // stack for an undo) only while this flag is set, and reads it when the transaction
        // ends, i.e. after `undo()` has already reset it.
        if (direction === 'undo') manager.undoing = true
        else manager.redoing = true
      }, manager)
    } finally {
      manager.undoing = false
      manager.redoing = false
    }
    return changed
  }

  return {
    undo: () => pop('undo'),
    redo: () => pop('redo'),
    stopCapturing: () => manager.stopCapturing(),
    canUndo: () => manager.canUndo(),
    canRedo: () => manager.canRedo(),
    clear: () => manager.clear(),
    destroy() {
      manager.clear()
      manager.destroy()
    },
  }
}

/** The part of tldraw's Editor that marks where one user action ends and the next begins. */
export interface StoppingPointSource {
  markHistoryStoppingPoint(name?: string): string
}

/**
 * Makes every stopping point tldraw marks on this editor also end the current undo step, so undo
 * steps match user actions exactly as tldraw's own history would have. Returns the undo of it.
 */
export function forwardStoppingPoints(editor: StoppingPointSource, undo: BoardUndo): () => void {
  const hadOwn = Object.hasOwn(editor, 'markHistoryStoppingPoint')
  const original = editor.markHistoryStoppingPoint
  const forwarding = (name?: string): string => {
    undo.stopCapturing()
    return original.call(editor, name)
  }
  editor.markHistoryStoppingPoint = forwarding
  return () => {
    if (editor.markHistoryStoppingPoint !== forwarding) return
    if (hadOwn) editor.markHistoryStoppingPoint = original
    else delete (editor as Partial<StoppingPointSource>).markHistoryStoppingPoint
  }
}
