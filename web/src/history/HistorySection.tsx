import { maxCheckpointNameLength } from '@stormline/shared/history/history-api'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import {
  deleteCheckpoint,
  restoreCheckpoint,
  saveCheckpoint,
  undoRestore,
} from '../api/history-client.ts'
import { useBoardUi } from '../board/board-context.ts'
import { useBoardRole } from '../facilitation/facilitator-role.ts'
import { useNow } from '../presence/use-now.ts'
import {
  type CheckpointRow,
  canSaveCheckpoint,
  checkpointRows,
  retentionText,
} from './checkpoint-rows.ts'
import { useCheckpointView } from './checkpoint-view-context.tsx'
import {
  deletedText,
  deleteQuestion,
  historyErrorText,
  restoredText,
  restoreQuestion,
  savedText,
  undoneText,
} from './history-text.ts'
import { useCheckpoints } from './use-checkpoints.ts'
import './history.css'

interface Status {
  text: string
  error: boolean
  /** After a restore: the `before-restore` checkpoint that undoes it. */
  undoId?: string
}

/**
 * The cockpit's History section, open to every role: the board's checkpoints newest first, each
 * viewable read-only beside the live board; a named checkpoint saved by anyone who may edit; a
 * restore (with its undo) for the facilitator. Mounted only while the section is open, so it
 * asks the server for the list when opened and polls only then.
 */
export function HistorySection() {
  const editor = useEditor()
  const boardId = useBoardUi().connection.boardId
  const role = useBoardRole()
  const { list, error, refresh } = useCheckpoints(boardId)
  const view = useCheckpointView()
  const now = useNow(30_000)
  const [status, setStatus] = useState<Status | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const rows = list === null ? [] : checkpointRows(list.checkpoints, role, now)

  // One call at a time: a second click while a restore is in flight would restore twice (the
  // ref answers before the buttons re-render disabled).
  const inFlight = useRef(false)
  const act = async (run: () => Promise<Status>): Promise<boolean> => {
    if (inFlight.current) return false
    inFlight.current = true
    setBusy(true)
    try {
      setStatus(await run())
      return true
    } catch (failure) {
      setStatus({ text: historyErrorText(failure), error: true })
      return false
    } finally {
      inFlight.current = false
      setBusy(false)
      void refresh()
    }
  }

  const restore = (row: CheckpointRow) =>
    act(async () => {
      const done = await restoreCheckpoint(boardId, row.id)
      return { text: restoredText(row.name), error: false, undoId: done.undoCheckpointId }
    })

  const remove = (row: CheckpointRow) =>
    act(async () => {
      await deleteCheckpoint(boardId, row.id)
      return { text: deletedText(row.name), error: false }
    })

  const undo = (beforeRestoreId: string) =>
    act(async () => {
      await undoRestore(boardId, beforeRestoreId)
      return { text: undoneText(), error: false }
    })

  return (
    <div className="stormline-history" data-testid="history-panel">
      {canSaveCheckpoint(role) && (
        <SaveCheckpoint busy={busy} onSave={(name) => act(async () => saveAndSay(boardId, name))} />
      )}
      <p
        className="stormline-history__status"
        role={status?.error ? 'alert' : 'status'}
        data-error={status?.error ?? false}
        data-testid="history-status"
      >
        {status?.text}
        {status?.undoId !== undefined && role === 'facilitator' && (
          <>
            {' '}
            <button
              type="button"
              className="stormline-button"
              disabled={busy}
              data-testid="history-undo-restore"
              onClick={() => status.undoId !== undefined && void undo(status.undoId)}
            >
              Undo restore
            </button>
          </>
        )}
      </p>
      {error !== null && (
        <p className="stormline-history__status" role="alert" data-error="true">
          The list could not be refreshed: {error}
        </p>
      )}
      {list === null ? (
        error === null && <p className="stormline-history__hint">Loading the history…</p>
      ) : rows.length === 0 ? (
        <p className="stormline-history__hint" data-testid="history-empty">
          No checkpoints yet. They are taken automatically while people work, or save one above.
        </p>
      ) : (
        <ol className="stormline-history__list" aria-label="Checkpoints, newest first">
          {rows.map((row) => (
            <li
              key={row.id}
              className="stormline-history__item"
              data-testid="checkpoint-row"
              data-checkpoint-id={row.id}
              data-kind={row.kind}
              data-viewing={view.open?.id === row.id}
            >
              <span className="stormline-history__name">{row.name}</span>
              <span className="stormline-history__details" title={row.takenAt}>
                {row.details}
              </span>
              <span className="stormline-history__actions">
                <button
                  type="button"
                  className="stormline-button"
                  aria-label={`View ${row.name}`}
                  aria-pressed={view.open?.id === row.id}
                  data-testid="checkpoint-view"
                  onClick={() => view.show(row, editor)}
                >
                  View
                </button>
                {row.canRestore && (
                  <button
                    type="button"
                    className="stormline-button"
                    aria-label={`Restore ${row.name}`}
                    disabled={busy}
                    data-testid="checkpoint-restore"
                    onClick={() => setConfirming({ action: 'restore', row })}
                  >
                    Restore
                  </button>
                )}
                {row.canUndoRestore && (
                  <button
                    type="button"
                    className="stormline-button"
                    aria-label={`Undo restore ${row.name}`}
                    disabled={busy}
                    data-testid="checkpoint-undo-restore"
                    onClick={() => void undo(row.id)}
                  >
                    Undo restore
                  </button>
                )}
                {row.canDelete && (
                  <button
                    type="button"
                    className="stormline-button"
                    aria-label={`Delete ${row.name}`}
                    disabled={busy}
                    data-testid="checkpoint-delete"
                    onClick={() => setConfirming({ action: 'delete', row })}
                  >
                    Delete
                  </button>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {list !== null && <p className="stormline-history__hint">{retentionText(list.retention)}</p>}
      <ConfirmCheckpointAction
        confirming={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={({ action, row }) => {
          setConfirming(null)
          void (action === 'restore' ? restore(row) : remove(row))
        }}
      />
    </div>
  )
}

async function saveAndSay(boardId: string, name: string): Promise<Status> {
  const { checkpoint } = await saveCheckpoint(boardId, name)
  return { text: savedText(checkpoint.name), error: false }
}

/**
 * Naming the board as it is now. The name is checked by the server, whose message is shown as
 * it says it (an empty name, one too long).
 */
function SaveCheckpoint({
  busy,
  onSave,
}: {
  busy: boolean
  onSave(name: string): Promise<boolean>
}) {
  const [name, setName] = useState('')
  const inputId = useId()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await onSave(name)) setName('')
  }
  return (
    <form className="stormline-history__save" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId}>Save the board as it is now</label>
      <div className="stormline-history__save-row">
        <input
          id={inputId}
          type="text"
          value={name}
          maxLength={maxCheckpointNameLength}
          placeholder="Checkpoint name"
          autoComplete="off"
          data-testid="history-name-input"
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="stormline-button"
          disabled={busy}
          data-testid="history-save"
        >
          Save
        </button>
      </div>
    </form>
  )
}

/** A restore or a deletion waiting for the facilitator's confirmation. */
interface Confirming {
  action: 'restore' | 'delete'
  row: CheckpointRow
}

const confirmWords = {
  restore: { title: 'Restore a checkpoint', question: restoreQuestion, button: 'Restore' },
  delete: { title: 'Delete a checkpoint', question: deleteQuestion, button: 'Delete' },
} as const

/**
 * "Restore the board to …?" or "Delete the checkpoint …?", in a native modal dialog: the focus
 * moves into it and comes back on close, Escape cancels.
 */
function ConfirmCheckpointAction({
  confirming,
  onCancel,
  onConfirm,
}: {
  confirming: Confirming | null
  onCancel(): void
  onConfirm(confirmed: Confirming): void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const questionId = useId()
  // The words stay while the dialog closes (confirming is already null then).
  const [shown, setShown] = useState<Confirming | null>(confirming)
  useEffect(() => {
    const element = dialog.current
    if (confirming !== null) setShown(confirming)
    if (element === null) return
    if (confirming !== null && !element.open) element.showModal()
    if (confirming === null && element.open) element.close()
  }, [confirming])
  const words = confirmWords[shown?.action ?? 'restore']
  return (
    <dialog
      ref={dialog}
      className="stormline-history__confirm"
      aria-labelledby={titleId}
      aria-describedby={questionId}
      data-testid={`history-${shown?.action ?? 'restore'}-dialog`}
      onClose={onCancel}
    >
      <h2 id={titleId}>{words.title}</h2>
      <p id={questionId}>{shown === null ? '' : words.question(shown.row.name)}</p>
      <div className="stormline-history__confirm-actions">
        <button
          type="button"
          className="stormline-button stormline-button--primary"
          data-testid={`history-${shown?.action ?? 'restore'}-confirm`}
          onClick={() => confirming !== null && onConfirm(confirming)}
        >
          {words.button}
        </button>
        <button type="button" className="stormline-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  )
}
