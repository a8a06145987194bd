import { phaseSpans, timelineShapeType } from '@stormline/shared/board/timeline'
import {
  BaseBoxShapeUtil,
  DefaultFontFaces,
  HTMLContainer,
  resizeBox,
  type TLFontFace,
  type TLResizeInfo,
} from 'tldraw'
import {
  defaultTimelineSize,
  minTimelineSize,
  type TimelineShape,
  timelineShapeMigrations,
  timelineShapeProps,
} from './timeline-shape.ts'
import './timeline.css'

/**
 * The board's timeline: a thick arrowed bar from the start label to the end label, split into
 * phases as wide as their weights, with faint bands above and below so people see which phase
 * a sticky sits in. Phases are edited from the facilitator's panel, not on the canvas.
 */
export class TimelineShapeUtil extends BaseBoxShapeUtil<TimelineShape> {
  static override type = timelineShapeType
  static override props = timelineShapeProps
  static override migrations = timelineShapeMigrations

  override getDefaultProps(): TimelineShape['props'] {
    return {
      ...defaultTimelineSize,
      startLabel: 'Start',
      endLabel: 'End',
      phases: [{ id: 'phase-1', name: 'Phase 1', weight: 1 }],
    }
  }

  // Phases are measured along x; a tilted timeline would make "which phase" meaningless.
  override hideRotateHandle(): boolean {
    return true
  }

  // The handle is not the only way to rotate (menus, actions, rotating a selection of several).
  override onBeforeUpdate(prev: TimelineShape, next: TimelineShape): TimelineShape | undefined {
    if (next.rotation === prev.rotation) return undefined
    return { ...next, rotation: prev.rotation, x: prev.x, y: prev.y }
  }

  override canEdit(): boolean {
    return false
  }

  // Its bands reach far beyond its bounds; culled, they would vanish once the bar scrolls away.
  override canCull(): boolean {
    return false
  }

  override onResize(shape: TimelineShape, info: TLResizeInfo<TimelineShape>) {
    return resizeBox(shape, info, { minWidth: minTimelineSize.w, minHeight: minTimelineSize.h })
  }

  override getFontFaces(): TLFontFace[] {
    return [DefaultFontFaces.tldraw_sans.normal.normal, DefaultFontFaces.tldraw_sans.normal.bold]
  }

  override component(shape: TimelineShape) {
    return <TimelineView shape={shape} />
  }

  override getIndicatorPath(shape: TimelineShape): Path2D {
    const path = new Path2D()
    path.rect(0, 0, shape.props.w, shape.props.h)
    return path
  }
}

/** How far the phase bands reach above and below the bar, in page units. */
const bandReach = 1600

function TimelineView({ shape }: { shape: TimelineShape }) {
  const { w, h, startLabel, endLabel } = shape.props
  const spans = phaseSpans(0, shape.props)
  const labelHeight = h * 0.36
  const barTop = h * 0.42
  const barHeight = h - barTop
  // Large for page units: the timeline is first seen zoomed out to fit a screen (about 0.4).
  const labelFont = Math.min(Math.max(h * 0.22, 14), 48)
  const phaseFont = Math.min(Math.max(barHeight * 0.36, 12), 38)
  return (
    <HTMLContainer className="timeline-shape" style={{ width: w, height: h }}>
      {spans.map((span) => (
        <div
          key={span.id}
          className="timeline-shape__band"
          data-parity={span.index % 2 === 0 ? 'even' : 'odd'}
          style={{
            left: span.startX,
            width: span.endX - span.startX,
            top: -bandReach,
            bottom: -bandReach,
          }}
        />
      ))}
      <div className="timeline-shape__labels" style={{ height: labelHeight, fontSize: labelFont }}>
        <span className="timeline-shape__label timeline-shape__label--start">
          <span className="timeline-shape__start-dot" aria-hidden="true" />
          <span className="timeline-shape__label-text">{startLabel}</span>
          {shape.isLocked && <LockIcon />}
        </span>
        <span className="timeline-shape__label timeline-shape__label--end">
          <span className="timeline-shape__label-text">{endLabel}</span>
          <FlagIcon />
        </span>
      </div>
      <div
        className="timeline-shape__bar"
        style={{
          top: barTop,
          height: barHeight,
          borderRadius: `${barHeight / 2}px 0 0 ${barHeight / 2}px`,
        }}
      >
        {spans.map((span) => (
          <div
            key={span.id}
            className="timeline-shape__phase"
            data-parity={span.index % 2 === 0 ? 'even' : 'odd'}
            style={{ left: span.startX, width: span.endX - span.startX, fontSize: phaseFont }}
            title={span.name}
          >
            <span className="timeline-shape__phase-name">{span.name}</span>
          </div>
        ))}
        <svg
          className="timeline-shape__arrow"
          data-parity={(spans.length - 1) % 2 === 0 ? 'even' : 'odd'}
          style={{
            left: w - 1,
            width: barHeight * 0.75,
            height: barHeight * 1.5,
            top: -barHeight / 4,
          }}
          viewBox="0 0 3 6"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <path d="M0 0 L3 3 L0 6 Z" />
        </svg>
      </div>
    </HTMLContainer>
  )
}

function FlagIcon() {
  return (
    <svg className="timeline-shape__icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M5 21V4h10l1 2h4v9h-6l-1-2H7v8z" fill="currentColor" />
    </svg>
  )
}

function LockIcon() {
  return (
    <svg className="timeline-shape__icon timeline-shape__icon--lock" viewBox="0 0 24 24">
      <title>Locked: its phases, labels, place and size stay as they are until unlocked</title>
      <path
        d="M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0z"
        fill="currentColor"
      />
    </svg>
  )
}
