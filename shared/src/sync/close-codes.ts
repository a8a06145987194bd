/**
 * WebSocket close codes the sync endpoint uses (ADR 0002, ADR 0011). Codes in the 4000–4999
 * range are application-defined (RFC 6455 §7.4.2). y-websocket 3's stock provider decides
 * whether to reconnect by the code alone: 4400–4499 are permanent (it never reconnects), 1xxx
 * and 4500–4599 are retried. So every close after which a retry can succeed is 1xxx or 45xx,
 * and every 44xx is one where retrying with the same document can never succeed.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnecting later will work. */
  goingAway: 1001,
  /** The peer sent a frame the protocol does not allow (text instead of binary). */
  unsupportedData: 1003,
  /** A message exceeded the maximum size (sent by the websocket library itself). */
  messageTooBig: 1009,
  /** The server could not persist an update; the room was reset, reconnect to resync. */
  internalError: 1011,
  /**
   * This server cannot serve the client yet: the client's tldraw schema is newer than the
   * server's (a rolling deploy). Another (newer) server, or this one once upgraded, will.
   */
  tryAgainLater: 1013,
  /** No access token, or one that is wrong or was rotated away. Do not retry with it. */
  unauthorized: 4401,
  /**
   * A participant sent an update touching facilitator-only state (session, assessments,
   * suggestion decisions, the timeline). Nothing of it was applied; the client's document now
   * differs from the board's and must be reloaded. Do not retry with the same document.
   */
  forbiddenEdit: 4403,
  /** The board id in the URL is malformed or no such board exists. Do not retry. */
  boardNotFound: 4404,
  /** The facilitator deleted the board while the socket was open. Do not retry. */
  boardDeleted: 4410,
  /** Accepting the update would make the board larger than the server's limit. Nothing applied. */
  boardTooLarge: 4413,
  /**
   * The update wrote a board record that tldraw's schema rejects (or that is not laid out as a
   * record map). Nothing of it was applied; the client's document holds it, so it must reload.
   */
  invalidRecord: 4422,
  /**
   * The client's tldraw schema is older than the board's: it cannot read the board's records
   * without mis-migrating them. Reload the page to get the current app.
   */
  reloadRequired: 4426,
  /**
   * The message could not be decoded as a y-websocket protocol message. Retryable: the
   * client's document is intact and the next connection starts a clean exchange.
   */
  malformedMessage: 4500,
  /**
   * The socket sent faster than the server reads for so long that its queue filled up
   * (`RATE_LIMIT_QUEUE_BYTES`). Retryable after a backoff; nothing it sent was lost, since
   * its document re-syncs on the next connection.
   */
  overloaded: 4529,
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/** Whether a stock y-websocket 3 provider reconnects after this close code. */
export function stockClientRetries(code: number): boolean {
  return !(code >= 4400 && code <= 4499)
}

/** Close codes after which a client should stop reconnecting: every 44xx the server sends. */
export const permanentCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.unauthorized,
  CloseCode.forbiddenEdit,
  CloseCode.boardNotFound,
  CloseCode.boardDeleted,
  CloseCode.boardTooLarge,
  CloseCode.invalidRecord,
  CloseCode.reloadRequired,
])

/**
 * Codes after which Stormline's web app stops and shows a final state, though a stock client
 * would retry: 1009 (an edit larger than the server accepts would be sent again on every
 * reconnect, forever).
 */
export const webFinalCloseCodes: ReadonlySet<number> = new Set([
  ...permanentCloseCodes,
  CloseCode.messageTooBig,
])
