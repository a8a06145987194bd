import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import { type Group2d, getDisplayValues, NoteShapeUtil, type TLNoteShape } from 'tldraw'
import { DraftMark } from '../silent/DraftMark.tsx'
import { currentAuthor } from './current-author.ts'
import { noteGeometryWithLazyLabel } from './note-geometry.ts'
import { RenderOnceVisible } from './render-once-visible.tsx'
import { asMeta } from './sticky-side-effects.ts'
import { restampCopy } from './sticky-stamp.ts'
import './stickies.css'

/**
 * tldraw's note, with Stormline's changes. Subclassing keeps the type ('note'), props and
 * migrations, so the stored records and the store's schema are exactly tldraw's; tldraw swaps
 * a util passed in `shapeUtils` for its default of the same type.
 * - A copy (duplicate, alt-drag, paste) is credited to whoever made it: tldraw calls
 *   onBeforeDuplicate for copies only, never for undo/redo, which restore the original record.
 * - A sticky flagged for a deep dive shows a badge in its corner, drawn over tldraw's note; a
 *   silent-writing draft shows that only its author sees it (silent/DraftMark.tsx).
 * - A large board shows sooner (1,000 notes: bench/results/before-after.md, section 4), with
 *   the same geometry and the same pixels: a label is measured when something first asks about
 *   it, not whenever the note's geometry is built (note-geometry.ts), and a note's content is
 *   rendered from the first time it is on screen (render-once-visible.tsx).
 */
export class StormlineNoteShapeUtil extends NoteShapeUtil {
  override getGeometry(shape: TLNoteShape): Group2d {
    const dv = getDisplayValues(this, shape)
    const { scale, growY } = shape.props
    return noteGeometryWithLazyLabel(
      { width: dv.noteWidth * scale, height: (dv.noteHeight + growY) * scale },
      () => super.getGeometry(shape),
    )
  }

  override component(shape: TLNoteShape) {
    return (
      <RenderOnceVisible
        shapeId={shape.id}
        render={() => (
          <>
            {super.component(shape)}
            <DeepDiveBadge shape={shape} />
            <DraftMark shape={shape} />
          </>
        )}
      />
    )
  }

  override onBeforeDuplicate(source: TLNoteShape, duplicate: TLNoteShape): TLNoteShape | undefined {
    const copy = super.onBeforeDuplicate(source, duplicate) ?? duplicate
    const meta = restampCopy(copy.meta, currentAuthor(this.editor), new Date())
    return meta === null ? copy : { ...copy, meta: asMeta(meta) }
  }
}

function DeepDiveBadge({ shape }: { shape: TLNoteShape }) {
  if (readStickyMeta(shape.meta)?.needsDeepDive !== true) return null
  return (
    <div
      className="stormline-deep-dive-badge"
      data-testid="deep-dive-badge"
      title="Needs a deep dive"
      style={{ transform: `scale(${shape.props.scale})` }}
    >
      Deep dive
    </div>
  )
}
