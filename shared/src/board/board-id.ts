/**
 * Board ids double as capability: anyone with the id can find the board, so they
 * carry 128 random bits, encoded base64url (22 characters). The pattern accepts
 * only that alphabet so ids are safe in URLs, file names and log lines.
 */
export const boardIdPattern: RegExp = /^[A-Za-z0-9_-]{22,64}$/

export function isBoardId(value: string): boolean {
  return boardIdPattern.test(value)
}
