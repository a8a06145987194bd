/** Shapes of the HTTP API's JSON bodies, shared by the server and the web client. */

export interface BoardMeta {
  id: string
  name: string
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
