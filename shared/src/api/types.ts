import type { BoardRole } from '../access/roles.ts'
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

/** One secret link per role: absolute URLs of the board page with the role's token. */
export type BoardLinks = Record<BoardRole, string>

/**
 * `POST /api/boards` and `POST /api/boards/import` answer with the new board and its three
 * links. Tokens are stored only as hashes, so this is the only time the server can show them
 * (until the facilitator rotates them).
 */
export interface CreatedBoard extends BoardMeta {
  links: BoardLinks
  tokens: Record<BoardRole, string>
}

/** `GET /api/boards/:id` and `POST /api/boards/:id/access`: the board as the caller's token sees it. */
export interface BoardAccess extends BoardMeta {
  role: BoardRole
  /**
   * `GET /api/boards/:id` only: when the board was last edited (ISO 8601), or null if never, so a
   * board list can show its last activity.
   */
  lastActivityAt?: string | null
}

/** `POST /api/boards/:id/links/rotate`: fresh links for the rotated roles only. */
export interface RotatedLinks {
  links: Partial<BoardLinks>
  tokens: Partial<Record<BoardRole, string>>
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

/**
 * `GET /api/boards/:id/tally` (facilitator only): the live counts of what is still secret, so the
 * facilitator can pace the session. Nobody else can read it (ADR 0013).
 */
export interface Tally {
  vote: {
    round: number
    status: 'idle' | 'open' | 'closed'
    /** People who gave at least one dot this round. */
    voters: number
    /** Dots per target this round (each person capped at the budget). */
    dots: Record<string, number>
  }
  /** Planning-poker ballots in per target; names only on a board that is not anonymous. */
  ballots: Record<string, { count: number; names: string[] }>
  silentWriting: {
    /** People with at least one draft in the current round, and how many drafts in all. */
    writers: number
    drafts: number
  }
  /** People connected now (by member) who have not added a sticky yet. */
  presentWithoutStickies: number
}
