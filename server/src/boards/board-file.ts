import { encodeCluster, readClustersJson } from '@stormline/shared/backlog/cluster-layout'
import { readCluster } from '@stormline/shared/backlog/clusters'
/**
 * The full-board file (`*.stormline.json`): everything a board holds, so a board
 * can leave this server and come back, or move to another one — no lock-in.
 *
 * It carries the document twice. `yjsUpdate` is the exact Yjs state (what a
 * Stormline server imports, lossless); `maps` is the same content as plain JSON
 * per map of the doc layout — records as plain tldraw records, whatever their
 * layout in the document — so people and other tools can read the file, and a
 * file written or edited by hand (without `yjsUpdate`) still imports. Pure: no
 * IO, the caller reads the document and stores the result.
 *
 * Files of every Stormline version import: a document in record layout v1 (files
 * exported before layout v2) is migrated like a stored board (MIG-1), and so is
 * one rebuilt from `maps`. Every record must then be valid, as on a socket
 * (VAL-1): a file with an invalid record is refused, naming it, and nothing is
 * stored.
 */

import { isDeepStrictEqual } from 'node:util'
import { defaultBoardName, maxBoardNameLength } from '@stormline/shared/api/types'
import { escapeJsonForHtml } from '@stormline/shared/backlog/html-safe-json'
import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import {
  type BoardTemplateId,
  boardTemplateIds,
  defaultBoardTemplate,
} from '@stormline/shared/board/templates'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { isJsonObject } from '@stormline/shared/sync/json-value'
import { decodeRecord, encodeRecord, readRecordsJson } from '@stormline/shared/sync/record-layout'
import { validateBoardRecord } from '@stormline/shared/sync/validate-record'
import * as Y from 'yjs'
import { z } from 'zod'
import { migrateBoard } from './board-migration.ts'
import type { BoardRecord } from './board-store.ts'

export const boardFileFormat = 'stormline.board'
export const boardFileVersion = 1

export type DocMapName = (typeof docLayout)[keyof typeof docLayout]
export const docMapNames = Object.values(docLayout) as DocMapName[]

export type BoardFileMaps = Record<DocMapName, Record<string, unknown>>

export interface BoardFile {
  format: typeof boardFileFormat
  version: typeof boardFileVersion
  /** ISO 8601. */
  exportedAt: string
  board: { name: string; template: BoardTemplateId; createdAt: string }
  document: {
    /** Base64 of `Y.encodeStateAsUpdate(doc)`. */
    yjsUpdate: string
    maps: BoardFileMaps
  }
}

/**
 * The board file of a document. On an anonymous board the file names nobody,
 * like every other export: author names (sticky meta) and participant names
 * (votes, ballots) are left out and the Yjs state is rebuilt from those maps,
 * since the original state still carries the names. Author and participant
 * ids stay, so counts and "my vote" keep working after an import.
 */
export function toBoardFile(board: BoardRecord, doc: Y.Doc, exportedAt: Date): BoardFile {
  let maps = boardFileMapsOf(doc)
  let state = Y.encodeStateAsUpdate(doc)
  if (readAnonymous(maps.session[sessionKeys.anonymous])) {
    maps = withoutNames(maps)
    const scrubbed = docFromMaps(maps)
    state = Y.encodeStateAsUpdate(scrubbed)
    scrubbed.destroy()
  }
  return {
    format: boardFileFormat,
    version: boardFileVersion,
    exportedAt: exportedAt.toISOString(),
    board: {
      name: board.name,
      template: board.template,
      createdAt: board.createdAt.toISOString(),
    },
    document: { yjsUpdate: Buffer.from(state).toString('base64'), maps },
  }
}

/** Every map of the document as JSON; records and clusters as plain JSON (record-layout.ts, cluster-layout.ts). */
export function boardFileMapsOf(doc: Y.Doc): BoardFileMaps {
  return Object.fromEntries(
    docMapNames.map((name) => [
      name,
      name === docLayout.records
        ? readRecordsJson(doc)
        : name === docLayout.clusters
          ? readClustersJson(doc)
          : doc.getMap(name).toJSON(),
    ]),
  ) as BoardFileMaps
}

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function withoutKey(value: unknown, key: string): unknown {
  if (!isObject(value) || !(key in value)) return value
  const { [key]: _removed, ...rest } = value
  return rest
}

/** The maps with every stored display name removed (anonymous boards). */
export function withoutNames(maps: BoardFileMaps): BoardFileMaps {
  const each = (map: JsonObject, strip: (value: unknown) => unknown): JsonObject =>
    Object.fromEntries(Object.entries(map).map(([key, value]) => [key, strip(value)]))
  return {
    ...maps,
    records: each(maps.records, (record) => {
      // tldraw's user records are document-scoped: should a client ever sync one, it names
      // a participant (the note attribution `textLastEditedBy` points at it).
      if (isObject(record) && record.typeName === 'user') return { ...record, name: '' }
      if (!isObject(record) || !isObject(record.meta)) return record
      const meta = record.meta
      if (!isObject(meta[stickyMetaKey])) return record
      return {
        ...record,
        meta: { ...meta, [stickyMetaKey]: withoutKey(meta[stickyMetaKey], 'authorName') },
      }
    }),
    votes: each(maps.votes, (vote) => withoutKey(vote, 'participantName')),
    ballots: each(maps.ballots, (ballot) => withoutKey(ballot, 'participantName')),
  }
}

/**
 * The file as sent: one map entry (a sticky, a cluster, a vote…) per line, so
 * it reads, diffs and hand-edits well without the bulk of full indentation
 * (about 2.5× the document instead of 3.8×). HTML-safe like the backlog JSON
 * (`<`, `>`, `&` as \u escapes), since it holds user text.
 */
export function serializeBoardFile(file: BoardFile): string {
  const line = (value: unknown): string => JSON.stringify(value)
  const entries = (map: Record<string, unknown>): string => {
    const lines = Object.entries(map).map(([key, value]) => `        ${line(key)}: ${line(value)}`)
    return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n      }`
  }
  const maps = docMapNames
    .filter((name) => file.document.maps[name] !== undefined)
    .map((name) => `      ${line(name)}: ${entries(file.document.maps[name])}`)
  const text = [
    '{',
    `  "format": ${line(file.format)},`,
    `  "version": ${line(file.version)},`,
    `  "exportedAt": ${line(file.exportedAt)},`,
    `  "board": ${line(file.board)},`,
    '  "document": {',
    `    "yjsUpdate": ${line(file.document.yjsUpdate)},`,
    `    "maps": {\n${maps.join(',\n')}\n    }`,
    '  }',
    '}',
  ].join('\n')
  return `${escapeJsonForHtml(text)}\n`
}

/** `<board-name>.stormline.json`, from the same slug as the backlog exports. */
export function boardFileName(slug: string): string {
  return `${slug}.stormline.json`
}

export interface BoardFileLimits {
  /** Largest document accepted, as an encoded Yjs update (default: the 50 MiB board limit). */
  maxDocumentBytes: number
}

export const defaultBoardFileLimits: BoardFileLimits = { maxDocumentBytes: 50 * 1024 * 1024 }

export interface ParsedBoardFile {
  board: { name: string; template: BoardTemplateId; createdAt: Date | null }
  /** The whole document as one Yjs update, checked to apply cleanly to a fresh Y.Doc. */
  update: Uint8Array
  /** Where the document came from: the exact Yjs state, or rebuilt from the JSON maps. */
  source: 'yjsUpdate' | 'maps'
}

export type BoardFileErrorCode =
  | 'invalid_board_file'
  | 'unsupported_version'
  | 'corrupt_document'
  | 'document_mismatch'
  | 'document_too_large'
  | 'invalid_record'

export interface BoardFileError {
  code: BoardFileErrorCode
  message: string
}

export type BoardFileResult =
  | { ok: true; file: ParsedBoardFile }
  | { ok: false; error: BoardFileError }

const jsonMap = z.record(z.string(), z.unknown(), {
  error: 'must be an object of entries (key → JSON value)',
})

const mapsSchema = z
  .object(
    Object.fromEntries(docMapNames.map((name) => [name, jsonMap.optional()])) as Record<
      DocMapName,
      z.ZodOptional<typeof jsonMap>
    >,
  )
  // A map this server does not know would be dropped silently: refuse instead.
  .strict()

/** Checked first, so a file from a newer Stormline gets a precise message. */
const headerSchema = z.object({
  format: z.literal(boardFileFormat, {
    error: `format must be "${boardFileFormat}" (is this a Stormline board file?)`,
  }),
  version: z.number({ error: 'version must be a number' }),
})

const fileSchema = z.object({
  exportedAt: z.iso.datetime({ offset: true }).optional(),
  board: z
    .object({
      name: z
        .string()
        .trim()
        .max(maxBoardNameLength, `name must be at most ${maxBoardNameLength} characters`)
        .optional(),
      template: z
        .enum(boardTemplateIds, {
          error: `template must be one of: ${boardTemplateIds.join(', ')}`,
        })
        .optional(),
      createdAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
  document: z
    .object({
      yjsUpdate: z.base64({ error: 'must be base64' }).optional(),
      maps: mapsSchema.optional(),
    })
    .refine((d) => d.yjsUpdate !== undefined || d.maps !== undefined, {
      error: 'needs yjsUpdate or maps',
    }),
})

/** Checked before decoding, so an oversized update is never decoded at all. */
const sizeSchema = z.object({ document: z.object({ yjsUpdate: z.string() }) })

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ')
}

const fail = (code: BoardFileErrorCode, message: string): { ok: false; error: BoardFileError } => ({
  ok: false,
  error: { code, message },
})

/**
 * Validates a board file and turns it into one Yjs update ready for a new board.
 * Never throws on bad input: every problem is a BoardFileError.
 */
export function parseBoardFile(
  json: unknown,
  limits: BoardFileLimits = defaultBoardFileLimits,
): BoardFileResult {
  const header = headerSchema.safeParse(json)
  if (!header.success) return fail('invalid_board_file', describeIssues(header.error))
  if (header.data.version !== boardFileVersion) {
    return fail(
      'unsupported_version',
      `This board file is version ${header.data.version}; this server reads version ${boardFileVersion}.`,
    )
  }
  const sized = sizeSchema.safeParse(json)
  // Base64 grows 4/3; anything longer cannot decode to an accepted document.
  if (
    sized.success &&
    sized.data.document.yjsUpdate.length > Math.ceil(limits.maxDocumentBytes / 3) * 4
  ) {
    return tooLarge(Math.floor((sized.data.document.yjsUpdate.length * 3) / 4), limits)
  }
  const parsed = fileSchema.safeParse(json)
  if (!parsed.success) return fail('invalid_board_file', describeIssues(parsed.error))
  const { board, document } = parsed.data

  const built =
    document.yjsUpdate !== undefined
      ? fromYjsUpdate(Buffer.from(document.yjsUpdate, 'base64'), document.maps)
      : fromMaps(document.maps ?? {})
  if (!built.ok) return built
  const { doc, source } = built
  try {
    // Measured before anything else reads the document: an oversized one is never walked.
    const given = Y.encodeStateAsUpdate(doc).byteLength
    if (given > limits.maxDocumentBytes) return tooLarge(given, limits)
    // Older files are brought to the current layout and schema as a stored board would be.
    migrateBoard(doc)
    const invalid = firstInvalidRecord(doc)
    if (invalid) return invalid
    const update = Y.encodeStateAsUpdate(doc)
    if (update.byteLength > limits.maxDocumentBytes) return tooLarge(update.byteLength, limits)
    return {
      ok: true,
      file: {
        board: {
          name: board?.name || defaultBoardName,
          template: board?.template ?? defaultBoardTemplate,
          createdAt: board?.createdAt ? new Date(board.createdAt) : null,
        },
        update,
        source,
      },
    }
  } finally {
    doc.destroy()
  }
}

/** The refusal for the first record the board may not hold (VAL-1), or null when all are valid. */
function firstInvalidRecord(doc: Y.Doc): { ok: false; error: BoardFileError } | null {
  for (const [id, value] of doc.getMap<unknown>(docLayout.records).entries()) {
    const verdict =
      value instanceof Y.Map
        ? validateBoardRecord(id, decodeRecord(value))
        : { ok: false as const, reason: 'not a record' }
    if (!verdict.ok) {
      return fail(
        'invalid_record',
        `document record ${JSON.stringify(id.slice(0, 120))} is not a valid board record: ${verdict.reason}`,
      )
    }
  }
  return null
}

function tooLarge(bytes: number, limits: BoardFileLimits): { ok: false; error: BoardFileError } {
  return fail(
    'document_too_large',
    `The document is about ${bytes} bytes; the limit is ${limits.maxDocumentBytes}.`,
  )
}

type Built =
  | { ok: true; doc: Y.Doc; source: ParsedBoardFile['source'] }
  | { ok: false; error: BoardFileError }

function fromYjsUpdate(bytes: Uint8Array, maps: Partial<BoardFileMaps> | undefined): Built {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, bytes)
  } catch {
    doc.destroy()
    return fail('corrupt_document', 'document.yjsUpdate is not a valid Yjs update.')
  }
  // Yjs keeps structs whose dependencies are missing aside instead of failing: a
  // truncated or spliced update "applies" but leaves content pending forever.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy()
    return fail('corrupt_document', 'document.yjsUpdate is incomplete (missing Yjs history).')
  }
  // Both given but different means someone edited the maps and left the old state:
  // importing either one silently would lose what they meant.
  const inDoc = boardFileMapsOf(doc)
  const differing = docMapNames.find(
    (name) =>
      maps?.[name] !== undefined && !isDeepStrictEqual(plain(inDoc[name]), plain(maps[name])),
  )
  if (differing) {
    doc.destroy()
    return fail(
      'document_mismatch',
      `document.maps.${differing} differs from document.yjsUpdate. To import edited maps, remove yjsUpdate from the file.`,
    )
  }
  return { ok: true, doc, source: 'yjsUpdate' }
}

function fromMaps(maps: Partial<BoardFileMaps>): Built {
  return { ok: true, doc: docFromMaps(maps), source: 'maps' }
}

/** A document holding the maps: records as record maps (layout v2), every other entry as is. */
/** A map entry of a file as the current layout stores it (records and clusters as maps). */
function encodeEntry(name: string, value: unknown): unknown {
  if (name === docLayout.records && isJsonObject(value)) return encodeRecord(value)
  if (name === docLayout.clusters) {
    const cluster = readCluster(value)
    if (cluster !== null) return encodeCluster(cluster)
  }
  return value
}

function docFromMaps(maps: Partial<BoardFileMaps>): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const name of docMapNames) {
      const target = doc.getMap(name)
      for (const [key, value] of Object.entries(maps[name] ?? {})) {
        // A record that is not an object stays as it is, for validation to name it.
        target.set(key, encodeEntry(name, value))
      }
    }
  })
  return doc
}

/** JSON round trip, so `undefined` members and key order do not count as differences. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? {}))
}
