/**
 * WebSocket close codes the sync endpoint uses. Codes in the 4000–4999 range are
 * application-defined (RFC 6455 §7.4.2); clients read them to decide whether
 * reconnecting can ever succeed. Documented in docs/adr/0002-sync-protocol.md.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnecting later will work. */
  goingAway: 1001,
  /** The peer sent a frame the protocol does not allow (text instead of binary). */
  unsupportedData: 1003,
  /** A message exceeded the maximum size. */
  messageTooBig: 1009,
  /** The server could not persist an update; the room was reset, reconnect to resync. */
  internalError: 1011,
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
  /** The message could not be decoded as a y-websocket protocol message. */
  malformedMessage: 4400,
  /** Accepting the update would make the board larger than the server's limit. */
  boardTooLarge: 4413,
  /** The peer sent more messages than the per-connection rate limit allows. */
  rateLimited: 4429,
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/** Close codes after which a client should stop reconnecting. */
export const permanentCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.boardNotFound,
  CloseCode.unauthorized,
  CloseCode.forbiddenEdit,
  CloseCode.boardDeleted,
])
