import type { BoardTemplateId } from '../board/templates.ts'

/** Shapes of the HTTP API's JSON bodies, shared by the server and the web client. */

export interface BoardMeta {
  id: string
  name: string
  /** The template the board was created from; the first client to open it lays it out. */
  template: BoardTemplateId
  /** ISO 8601 timestamp. */
  createdAt: string
}

export interface ApiErrorBody {
  error: { code: string; message: string }
}

/** Run-time settings the server hands to the browser (never baked into the build). */
export interface ClientConfig {
  /** Operator-supplied tldraw licence key; null when none is configured. */
  tldrawLicenseKey: string | null
}

export const maxBoardNameLength = 200
export const defaultBoardName = 'Untitled discovery session'
