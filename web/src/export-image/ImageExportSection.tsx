import { useId, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { exportBoardImage, type ImageScope } from './export-board-image.ts'
import type { ImageFormat } from './image-file-name.ts'
import './export-image.css'

/**
 * The cockpit's image export: the whole board or the selection, as PNG or SVG, named after the
 * board and showing what tldraw's own export leaves out (cluster outlines and names, vote totals
 * of a closed vote, deep-dive flags). Open to every role: a picture shows only what they see.
 */
export function ImageExportSection() {
  const editor = useEditor()
  const { connection, board } = useBoardUi()
  const [scope, setScope] = useState<ImageScope>('board')
  const [busy, setBusy] = useState<ImageFormat | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const selected = useValue('selected shapes', () => editor.getSelectedShapeIds().length, [editor])
  const scopeId = useId()
  const nothingSelected = scope === 'selection' && selected === 0

  const run = async (format: ImageFormat): Promise<void> => {
    setBusy(format)
    setMessage(null)
    try {
      const result = await exportBoardImage(editor, connection.doc, board.name, format, scope)
      setMessage(
        result.ok
          ? { text: `Saved ${result.fileName}.`, error: false }
          : { text: result.message, error: true },
      )
    } catch (error) {
      console.warn('[stormline] image export failed', error)
      setMessage({ text: 'The image could not be made.', error: true })
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="stormline-image-export" data-testid="image-export">
      <div className="stormline-image-export__row">
        <label htmlFor={scopeId}>Image of</label>
        <select
          id={scopeId}
          value={scope}
          onChange={(event) => setScope(event.target.value as ImageScope)}
          data-testid="export-image-scope"
        >
          <option value="board">Whole board</option>
          <option value="selection">Selection{selected > 0 ? ` (${selected})` : ''}</option>
        </select>
        {(['png', 'svg'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="stormline-button"
            disabled={busy !== null || nothingSelected}
            aria-busy={busy === format}
            onClick={() => void run(format)}
            data-testid={`export-image-${format}`}
            aria-label={`Download the ${scope === 'board' ? 'whole board' : 'selection'} as ${format.toUpperCase()}`}
          >
            {format.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="stormline-image-export__hint">
        {nothingSelected
          ? 'Select stickies on the board to export only those.'
          : 'With cluster outlines and names, vote totals once the vote is closed, and deep-dive flags.'}
      </p>
      {message !== null && (
        <p
          className="stormline-image-export__message"
          data-error={message.error}
          role={message.error ? 'alert' : 'status'}
          data-testid="export-image-message"
        >
          {message.text}
        </p>
      )}
    </div>
  )
}
