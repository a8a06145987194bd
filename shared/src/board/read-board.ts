import type { Box } from './geometry.ts'
import { center } from './geometry.ts'
import { richTextToPlainText } from './rich-text.ts'
import { clampStep, readAnonymous, readTimer, sessionKeys, type TimerState } from './session.ts'
import { associatedStep } from './step-association.ts'
import { isStickyKind, kindFromColor, type StickyKind, stickyKindInfo } from './sticky-kinds.ts'
import { readStickyMeta, type StickyMeta, stickyMetaKey } from './sticky-meta.ts'
import {
  type PhaseSpan,
  phaseAt,
  phaseSpans,
  type TimelinePhase,
  templateTimelineId,
  timelineShapeType,
} from './timeline.ts'

/**
 * Reads a board's synced records (plain JSON, as stored in the Y.Doc) into the
 * event-storming model. No tldraw runtime: the server, exports and the browser
 * all call this. It never throws on odd input: records it cannot use are
 * listed in `ignored` with the reason.
 */

export interface TimelineModel {
  id: string
  pageId: string
  bounds: Box
  startLabel: string
  endLabel: string
  isLocked: boolean
  phases: PhaseSpan[]
}

export interface StickyModel {
  id: string
  kind: StickyKind
  text: string
  authorId: string | null
  authorName: string | null
  createdAt: string | null
  pageId: string
  bounds: Box
  /** Phase of the timeline under the sticky's centre; null when off the timeline or none exists. */
  phaseId: string | null
  phaseName: string | null
  /** For overlays: the step sticky it sits on or next to. Always null for steps. */
  stepId: string | null
  context: string
  needsDeepDive: boolean
  durationMinutes: number | null
}

export interface IgnoredRecord {
  id: string
  reason: string
}

export interface BoardModel {
  timeline: TimelineModel | null
  stickies: StickyModel[]
  /** `anonymous`: the board hides who wrote each sticky (authorName is then always null). */
  session: { step: number; timer: TimerState | null; anonymous: boolean }
  ignored: IgnoredRecord[]
}

type Json = Record<string, unknown>

const noteSize = 200

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/** Page and page-space offset of a shape, following parent frames and groups (rotation ignored). */
function placement(
  shape: Json,
  shapes: ReadonlyMap<string, Json>,
): { pageId: string; x: number; y: number } | null {
  let x = finite(shape.x, Number.NaN)
  let y = finite(shape.y, Number.NaN)
  if (Number.isNaN(x) || Number.isNaN(y)) return null
  let parentId = shape.parentId
  // Most shapes sit on a page directly: no chain to follow.
  if (typeof parentId === 'string' && parentId.startsWith('page:'))
    return { pageId: parentId, x, y }
  const seen = new Set<unknown>([shape.id])
  while (typeof parentId === 'string' && parentId.startsWith('shape:')) {
    const parent = shapes.get(parentId)
    if (!parent || seen.has(parentId)) return null
    seen.add(parentId)
    x += finite(parent.x, 0)
    y += finite(parent.y, 0)
    parentId = parent.parentId
  }
  return typeof parentId === 'string' && parentId.startsWith('page:')
    ? { pageId: parentId, x, y }
    : null
}

function readPhases(value: unknown): TimelinePhase[] | null {
  if (!Array.isArray(value)) return null
  const phases: TimelinePhase[] = []
  for (const phase of value) {
    if (!isObject(phase) || typeof phase.id !== 'string' || typeof phase.name !== 'string')
      return null
    phases.push({ id: phase.id, name: phase.name, weight: finite(phase.weight, 1) })
  }
  return phases
}

function readTimeline(shape: Json, shapes: ReadonlyMap<string, Json>): TimelineModel | string {
  const props = isObject(shape.props) ? shape.props : {}
  const w = finite(props.w, 0)
  const h = finite(props.h, 0)
  const phases = readPhases(props.phases)
  const place = placement(shape, shapes)
  if (w <= 0 || h <= 0) return 'timeline has no size'
  if (!phases) return 'timeline phases are malformed'
  if (!place) return 'timeline is not on a page'
  return {
    id: String(shape.id),
    pageId: place.pageId,
    bounds: { x: place.x, y: place.y, w, h },
    startLabel: typeof props.startLabel === 'string' ? props.startLabel : '',
    endLabel: typeof props.endLabel === 'string' ? props.endLabel : '',
    isLocked: shape.isLocked === true,
    phases: phaseSpans(place.x, { w, phases }),
  }
}

function noteKind(shape: Json, props: Json, meta: Partial<StickyMeta> | null): StickyKind | string {
  const rawKind =
    isObject(shape.meta) && isObject(shape.meta[stickyMetaKey])
      ? shape.meta[stickyMetaKey].kind
      : undefined
  if (rawKind !== undefined && !isStickyKind(rawKind))
    return `unknown sticky kind ${JSON.stringify(rawKind)}`
  return meta?.kind ?? kindFromColor(props.color) ?? 'step'
}

export function readBoard(records: Json | Iterable<unknown>, session: Json = {}): BoardModel {
  // Anonymous mode hides names from everything built on the model (API, backlog, exports).
  // Author ids stay: they are opaque per-browser ids, and counting distinct authors needs them.
  const anonymous = readAnonymous(session[sessionKeys.anonymous])
  const values =
    Symbol.iterator in records ? [...(records as Iterable<unknown>)] : Object.values(records)
  const ignored: IgnoredRecord[] = []
  const shapes = new Map<string, Json>()
  for (const value of values) {
    if (!isObject(value) || typeof value.id !== 'string') {
      ignored.push({ id: isObject(value) ? String(value.id) : '?', reason: 'not a record' })
      continue
    }
    if (value.typeName === 'shape') shapes.set(value.id, value)
  }

  const timelineShapes = [...shapes.values()]
    .filter((shape) => shape.type === timelineShapeType)
    .sort((a, b) =>
      a.id === templateTimelineId
        ? -1
        : b.id === templateTimelineId
          ? 1
          : String(a.id) < String(b.id)
            ? -1
            : 1,
    )
  let timeline: TimelineModel | null = null
  for (const shape of timelineShapes) {
    const read = readTimeline(shape, shapes)
    if (typeof read === 'string') ignored.push({ id: String(shape.id), reason: read })
    else if (timeline === null) timeline = read
  }

  const stickies: StickyModel[] = []
  for (const shape of shapes.values()) {
    if (shape.type !== 'note') continue
    const id = String(shape.id)
    const props = isObject(shape.props) ? shape.props : {}
    const meta = readStickyMeta(shape.meta)
    const kind = noteKind(shape, props, meta)
    if (!isStickyKind(kind)) {
      ignored.push({ id, reason: kind })
      continue
    }
    const place = placement(shape, shapes)
    if (!place) {
      ignored.push({ id, reason: 'note is not on a page' })
      continue
    }
    const scale = Math.max(0, finite(props.scale, 1))
    const bounds = {
      x: place.x,
      y: place.y,
      w: noteSize * scale,
      h: (noteSize + Math.max(0, finite(props.growY, 0))) * scale,
    }
    const phase =
      timeline && timeline.pageId === place.pageId
        ? phaseAt(center(bounds).x, timeline.phases)
        : null
    stickies.push({
      id,
      kind,
      text: richTextToPlainText(props.richText ?? props.text),
      authorId: meta?.authorId ?? null,
      authorName: anonymous ? null : (meta?.authorName ?? null),
      createdAt: meta?.createdAt ?? null,
      pageId: place.pageId,
      bounds,
      phaseId: phase?.id ?? null,
      phaseName: phase?.name ?? null,
      stepId: null,
      context: meta?.context ?? '',
      needsDeepDive: meta?.needsDeepDive ?? false,
      durationMinutes: kind === 'time' ? (meta?.durationMinutes ?? null) : null,
    })
  }

  stickies.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const steps = stickies.filter((sticky) => sticky.kind === 'step')
  for (const sticky of stickies) {
    if (stickyKindInfo[sticky.kind].overlay) sticky.stepId = associatedStep(sticky, steps)
  }

  return {
    timeline,
    stickies,
    session: {
      step: clampStep(session[sessionKeys.step]),
      timer: readTimer(session[sessionKeys.timer]),
      anonymous,
    },
    ignored,
  }
}
