import { stickyKindInfo, stickyKinds } from '@stormline/shared/board/sticky-kinds'
import { useEditor, useValue } from 'tldraw'
import { shortKindLabel } from './KindPalette.tsx'
import {
  changeKindOfNotes,
  currentPickerKind,
  kindPickerTarget,
  selectedNotes,
  selectionHasOtherColouredShapes,
  setNextNoteKind,
} from './kind-selection.ts'
import './kind-picker.css'

/**
 * The style panel's picker for what a sticky is, in place of tldraw's colour picker: the kind
 * colours with their names, the current one pressed (none when the selected stickies differ).
 * A pick changes every selected sticky, or the note tool's next note.
 */
export function KindPicker() {
  const editor = useEditor()
  const target = useValue('kind picker target', () => kindPickerTarget(editor), [editor])
  const current = useValue('kind picker kind', () => currentPickerKind(editor, target), [
    editor,
    target,
  ])
  const otherShapes = useValue(
    'selection has other shapes',
    () => selectionHasOtherColouredShapes(editor),
    [editor],
  )
  if (target === null) return null
  return (
    <fieldset className="stormline-kind-picker" data-testid="kind-picker">
      <legend className="stormline-kind-picker__title">
        {target === 'selection' ? 'Sticky kind' : 'Next sticky’s kind'}
      </legend>
      <div className="stormline-kind-picker__grid">
        {stickyKinds.map((kind) => {
          const info = stickyKindInfo[kind]
          return (
            <button
              key={kind}
              type="button"
              className="stormline-kind-picker__button"
              data-testid={`kind-picker-${kind}`}
              aria-pressed={current === kind}
              title={`${info.label}\n${info.hint}`}
              onClick={() => {
                if (target === 'selection') changeKindOfNotes(editor, selectedNotes(editor), kind)
                else setNextNoteKind(editor, kind)
              }}
            >
              <span className="stormline-swatch" style={{ background: info.fill }} aria-hidden />
              <span className="stormline-kind-picker__label">{shortKindLabel[kind]}</span>
            </button>
          )
        })}
      </div>
      {otherShapes && (
        <p className="stormline-kind-picker__hint">
          A sticky’s colour is its kind. To colour the other shapes, select them without stickies.
        </p>
      )}
    </fieldset>
  )
}
