import { CloseCode } from '@stormline/shared/sync/close-codes'
import {
  decodeSchemaParam,
  type SchemaSequences,
  schemaCompatibility,
} from '@stormline/shared/sync/schema-compat'

/**
 * SCHEMA-1: what the server does with the `?schema=` a client sends when it connects.
 *   - absent: a stock y-websocket client or a script, not a tldraw client; let in (every record it
 *     writes is validated like anyone's);
 *   - same schema as the board: let in;
 *   - older than the board: 4426, reload the app (permanent: retrying with the same app cannot
 *     work);
 *   - newer than the board: 1013, try again later (a rolling deploy; a newer server will serve it);
 *   - present but unreadable: 4426 too. A retryable code would only repeat the same handshake
 *     forever; the app that sent it needs replacing, which is what a reload does.
 */
export type SchemaVerdict =
  | { kind: 'accept'; client: 'stock' | 'same' }
  | { kind: 'refuse'; code: number; reason: string }

export function schemaHandshake(param: string | undefined, board: SchemaSequences): SchemaVerdict {
  if (param === undefined) return { kind: 'accept', client: 'stock' }
  const client = decodeSchemaParam(param)
  if (client === null) {
    return { kind: 'refuse', code: CloseCode.reloadRequired, reason: 'unreadable schema' }
  }
  switch (schemaCompatibility(client, board)) {
    case 'same':
      return { kind: 'accept', client: 'same' }
    case 'client-older':
      return { kind: 'refuse', code: CloseCode.reloadRequired, reason: 'app older than board' }
    case 'client-newer':
      return { kind: 'refuse', code: CloseCode.tryAgainLater, reason: 'app newer than server' }
  }
}
