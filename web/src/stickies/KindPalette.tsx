import { type StickyKind, stickyKindInfo, stickyKinds } from '@stormline/shared/board/sticky-kinds'
import { useEditor, useValue } from 'tldraw'
import { createStickyInView } from './create-sticky.ts'
import './stickies.css'

/** Fits a palette button; the full label is in the tooltip and the legend. */
export const shortKindLabel: Readonly<Record<StickyKind, string>> = {
  step: 'Step',
  pain: 'Pain',
  tech: 'Tech',
  time: 'Time',
  team: 'Team',
  question: 'Question',
}

/**
 * One button per kind. A click puts a new sticky in the middle of the view and starts editing
 * it, rather than arming a placement mode: it works the same with a mouse, a pen or a finger,
 * and the user can drag it where it belongs afterwards (keys 1–6 place at the pointer).
 */
export function KindPalette() {
  const editor = useEditor()
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (readonly) return null
  return (
    <div className="stormline-palette" role="toolbar" aria-label="New sticky">
      {stickyKinds.map((kind) => {
        const info = stickyKindInfo[kind]
        return (
          <button
            key={kind}
            type="button"
            className="stormline-palette__button"
            data-testid={`kind-palette-${kind}`}
            title={`${info.label} (${info.shortcut})\n${info.hint}`}
            onClick={() => createStickyInView(editor, kind)}
          >
            <span className="stormline-swatch" style={{ background: info.fill }} aria-hidden />
            {shortKindLabel[kind]}
          </button>
        )
      })}
    </div>
  )
}
