import { type StickyKind, stickyKindInfo, stickyKinds } from '@stormline/shared/board/sticky-kinds'
import { readStickyMeta, type StickyMeta } from '@stormline/shared/board/sticky-meta'
import { type RefObject, useCallback, useEffect, useRef } from 'react'
import {
  type Editor,
  type TLNoteShape,
  useEditor,
  usePassThroughWheelEvents,
  useValue,
} from 'tldraw'
import { useAnonymous } from '../board/use-anonymous.ts'
import { formatDuration, parseDuration } from './duration.ts'
import { describePlacement } from './sticky-placement.ts'
import { updateSticky } from './update-sticky.ts'
import { useDraft } from './use-draft.ts'
import './stickies.css'

/** The deep-dive details of the one selected sticky; nothing when the selection is anything else. */
export function StickyDetailsPanel() {
  const editor = useEditor()
  const note = useValue('selected sticky', () => {
    const shape = editor.getOnlySelectedShape()
    return shape?.type === 'note' ? (shape as TLNoteShape) : null
  }, [editor])
  if (note === null) return null
  // Keyed by sticky, so a draft being typed never carries over to the next selected sticky.
  return <StickyDetails key={note.id} note={note} />
}

function StickyDetails({ note }: { note: TLNoteShape }) {
  const editor = useEditor()
  const ref = useRef<HTMLElement>(null)
  usePassThroughWheelEvents(ref)
  useEscapeToCanvas(editor, ref)
  const meta = readStickyMeta(note.meta) ?? {}
  const kind: StickyKind = meta.kind ?? 'step'
  const anonymous = useAnonymous()
  // A viewer reads the details; the fields stay, disabled, so the panel looks the same.
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const placement = useValue('sticky placement', () => describePlacement(editor, note.id), [
    editor,
    note.id,
  ])
  const save = useCallback(
    (patch: Partial<StickyMeta>) => updateSticky(editor, note.id, patch),
    [editor, note.id],
  )

  return (
    <section
      ref={ref}
      className="stormline-details"
      data-testid="sticky-details"
      aria-label="Sticky details"
    >
      <label className="stormline-details__row">
        <span className="stormline-details__label">Kind</span>
        <span className="stormline-details__kind">
          <span
            className="stormline-swatch"
            style={{ background: stickyKindInfo[kind].fill }}
            aria-hidden
          />
          <select
            data-testid="details-kind"
            value={kind}
            disabled={readonly}
            onChange={(event) => {
              editor.markHistoryStoppingPoint('change sticky kind')
              save({ kind: event.target.value as StickyKind })
            }}
          >
            {stickyKinds.map((k) => (
              <option key={k} value={k}>
                {stickyKindInfo[k].label}
              </option>
            ))}
          </select>
        </span>
      </label>
      <div className="stormline-details__row">
        <span className="stormline-details__label">Phase</span>
        <span data-testid="details-phase">{placement.phase ?? 'Off the timeline'}</span>
      </div>
      <div className="stormline-details__row">
        <span className="stormline-details__label">Step</span>
        <span data-testid="details-step" className="stormline-details__step">
          {placement.step ?? '—'}
        </span>
      </div>
      <div className="stormline-details__row">
        <span className="stormline-details__label">Added by</span>
        <span data-testid="details-author">
          {anonymous ? 'Anonymous' : (meta.authorName ?? 'Unknown')}
          {meta.createdAt && (
            <time dateTime={meta.createdAt} className="stormline-details__time">
              {' · '}
              {formatTime(meta.createdAt)}
            </time>
          )}
        </span>
      </div>
      <ContextField editor={editor} value={meta.context ?? ''} save={save} readonly={readonly} />
      <label className="stormline-details__check">
        <input
          type="checkbox"
          data-testid="details-deep-dive"
          disabled={readonly}
          checked={meta.needsDeepDive ?? false}
          onChange={(event) => {
            editor.markHistoryStoppingPoint('flag sticky for deep dive')
            save({ needsDeepDive: event.target.checked })
          }}
        />
        Needs deep-dive
      </label>
      {kind === 'time' && (
        <DurationField
          editor={editor}
          value={meta.durationMinutes ?? null}
          save={save}
          readonly={readonly}
        />
      )}
    </section>
  )
}

interface FieldProps<T> {
  editor: Editor
  value: T
  save(patch: Partial<StickyMeta>): void
  readonly: boolean
}

function ContextField({ editor, value, save, readonly }: FieldProps<string>) {
  const draft = useDraft(value, (context) => {
    save({ context })
    return true
  })
  return (
    <label className="stormline-details__field">
      <span className="stormline-details__label">Context</span>
      <textarea
        data-testid="details-context"
        rows={4}
        readOnly={readonly}
        placeholder="What is behind this sticky? Who knows more?"
        {...draft}
        onFocus={() => {
          // One undo step per visit to the field, not one per saved pause in typing.
          editor.markHistoryStoppingPoint('edit sticky context')
          draft.onFocus()
        }}
      />
    </label>
  )
}

function DurationField({ editor, value, save, readonly }: FieldProps<number | null>) {
  const draft = useDraft(formatDuration(value), (text) => {
    const durationMinutes = parseDuration(text)
    if (durationMinutes === undefined) return false
    save({ durationMinutes })
    return true
  })
  return (
    <label className="stormline-details__row">
      <span className="stormline-details__label">Duration</span>
      <span className="stormline-details__duration">
        <input
          data-testid="details-duration"
          type="text"
          inputMode="decimal"
          readOnly={readonly}
          placeholder="—"
          {...draft}
          onFocus={() => {
            editor.markHistoryStoppingPoint('edit sticky duration')
            draft.onFocus()
          }}
        />
        min
      </span>
    </label>
  )
}

/**
 * Escape in a field hands the keyboard back to the canvas, as tldraw's style panel does. It is
 * caught on the way down (capture), before tldraw's own listeners, which would otherwise take it
 * as "deselect" and close the panel.
 */
function useEscapeToCanvas(editor: Editor, ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current
    if (element === null) return
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape' || !element.contains(element.ownerDocument.activeElement)) return
      event.stopPropagation()
      editor.getContainer().focus()
    }
    element.addEventListener('keydown', onKeyDown, { capture: true })
    return () => element.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [editor, ref])
}

function formatTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
