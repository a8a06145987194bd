import {
  createShapePropsMigrationSequence,
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  type RecordProps,
  type TLBaseShape,
  type TLPropsMigrations,
  type TLSchema,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { type TimelinePhase, type TimelineProps, timelineShapeType } from '../board/timeline.ts'

/**
 * The tldraw schema of a board: tldraw's default shapes and bindings plus Stormline's timeline.
 * The server validates every record a client writes against it, and migrates stored boards up
 * to it when it loads them (ADR 0011). The browser builds its store from tldraw's shape utils
 * instead (web/src/sync/board-connection.ts); the timeline util takes its validators and
 * migrations from here, and a web test checks both serialize to the same schema, so server and
 * browser can never disagree on what a valid record is.
 */

const phaseValidator: T.Validator<TimelinePhase> = T.object({
  id: T.string,
  name: T.string,
  // Lenient on purpose: phaseSpans copes with any weight, and a record failing validation is
  // refused (by the server) or skipped (by a browser), which would lose the whole timeline.
  weight: T.number,
})

/** Validators of the timeline shape's props (shared/src/board/timeline.ts). */
export const timelineShapeProps: RecordProps<TLBaseShape<typeof timelineShapeType, TimelineProps>> =
  {
    w: T.nonZeroNumber,
    h: T.nonZeroNumber,
    startLabel: T.string,
    endLabel: T.string,
    phases: T.arrayOf(phaseValidator),
  }

/**
 * Migrations of the timeline's props, oldest first. None yet: a change to TimelineProps adds one
 * here (createShapePropsMigrationIds), so boards stored before it are migrated by the server.
 */
export const timelineShapeMigrations: TLPropsMigrations = createShapePropsMigrationSequence({
  sequence: [],
})

export const boardSchema: TLSchema = createTLSchema({
  shapes: {
    ...defaultShapeSchemas,
    [timelineShapeType]: { props: timelineShapeProps, migrations: timelineShapeMigrations },
  },
  bindings: defaultBindingSchemas,
})

/** A tldraw schema as `serialize()` writes it (what `meta.tldrawSchema` holds). */
export type SerializedSchema = ReturnType<TLSchema['serialize']>

/** The board schema as stored in `meta.tldrawSchema` and compared with a client's. */
export const boardSchemaSerialized: SerializedSchema = boardSchema.serialize()
