import { stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import { maxStickyImportBytes, type StickyImportPreview } from '@stormline/shared/import/import-api'
import { useId, useRef, useState } from 'react'
import { useBoardUi } from '../board/board-context.ts'
import { fileTooLarge, summarizePreview } from './import-summary.ts'
import { importStickies, previewStickyImport } from './sticky-import-api.ts'
import './sticky-import.css'

type Stage =
  | { kind: 'choose' }
  | { kind: 'checking' }
  | { kind: 'preview'; csv: string; preview: StickyImportPreview }
  | { kind: 'writing' }
  | { kind: 'done'; created: number }
  | { kind: 'failed'; message: string }

const message = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.'

/**
 * "Import stickies…" for the facilitator: choose a .csv, see every row as it would land (or
 * what is wrong with it) — the server's dry run, so the preview is exactly what would be
 * written — then write them all in one go. A native modal dialog: focus moves into it and
 * returns to the button on close, Escape closes it.
 */
export function StickyImportButton() {
  const dialog = useRef<HTMLDialogElement>(null)
  const [stage, setStage] = useState<Stage>({ kind: 'choose' })
  const { connection } = useBoardUi()
  const boardId = connection.boardId
  const titleId = useId()
  const fileId = useId()
  const statusId = useId()

  const open = () => {
    setStage({ kind: 'choose' })
    dialog.current?.showModal()
  }

  const choose = async (file: File | undefined) => {
    if (file === undefined) return
    const tooLarge = fileTooLarge(file.size, maxStickyImportBytes)
    if (tooLarge) return setStage({ kind: 'failed', message: tooLarge })
    setStage({ kind: 'checking' })
    try {
      const csv = await file.text()
      setStage({ kind: 'preview', csv, preview: await previewStickyImport(boardId, csv) })
    } catch (error) {
      setStage({ kind: 'failed', message: message(error) })
    }
  }

  const write = async (csv: string) => {
    setStage({ kind: 'writing' })
    try {
      setStage({ kind: 'done', created: (await importStickies(boardId, csv)).created })
    } catch (error) {
      setStage({ kind: 'failed', message: message(error) })
    }
  }

  const summary = stage.kind === 'preview' ? summarizePreview(stage.preview) : null
  const status =
    stage.kind === 'checking'
      ? 'Checking the file…'
      : stage.kind === 'writing'
        ? 'Importing…'
        : stage.kind === 'done'
          ? `${stage.created} ${stage.created === 1 ? 'sticky' : 'stickies'} added to the board.`
          : stage.kind === 'failed'
            ? stage.message
            : (summary?.status ?? '')

  return (
    <>
      <button type="button" data-testid="sticky-import-open" onClick={open}>
        Import stickies…
      </button>
      <dialog
        ref={dialog}
        className="sticky-import"
        aria-labelledby={titleId}
        aria-describedby={statusId}
        data-testid="sticky-import-dialog"
      >
        <h2 id={titleId}>Import stickies</h2>
        <p>
          A CSV file with the columns <code>text,kind,phase</code> and optionally{' '}
          <code>context,author</code> (a Miro or Mural CSV export works too). Nothing is written
          until you confirm.
        </p>
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          data-testid="sticky-import-file"
          disabled={stage.kind === 'checking' || stage.kind === 'writing'}
          onChange={(event) => void choose(event.currentTarget.files?.[0])}
        />
        <p
          id={statusId}
          role={stage.kind === 'failed' ? 'alert' : 'status'}
          className="sticky-import__status"
          data-testid="sticky-import-status"
        >
          {status}
        </p>
        {stage.kind === 'preview' && (
          <div className="sticky-import__table">
            <table data-testid="sticky-import-preview">
              <caption>Rows of the file as they would be imported</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {stage.preview.rows.map((row) =>
                  'error' in row ? (
                    <tr key={row.line} className="sticky-import__error">
                      <th scope="row">{row.line}</th>
                      <td colSpan={3}>
                        <strong>Error:</strong> {row.error}
                      </td>
                    </tr>
                  ) : (
                    <tr key={row.line}>
                      <th scope="row">{row.line}</th>
                      <td>{stickyKindInfo[row.sticky.kind].label}</td>
                      <td>{row.sticky.phaseName ?? '—'}</td>
                      <td>{row.sticky.text}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
        <div className="sticky-import__actions">
          {stage.kind === 'preview' && summary && (
            <button
              type="button"
              data-testid="sticky-import-confirm"
              disabled={!summary.canImport}
              onClick={() => void write(stage.csv)}
            >
              {summary.action}
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            {stage.kind === 'done' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </dialog>
    </>
  )
}
