import {
  authMessageType,
  readOnlyReason,
  readPermissionDenied,
} from '@stormline/shared/sync/access-messages'
import type { WebsocketProvider } from 'y-websocket'

/**
 * Takes over y-websocket's auth message (type 2), which the stock provider only logs: the
 * server sends it to a socket that may only read, and the board must then stop offering edits
 * (its updates would be dropped). Any other denial is still logged, as y-websocket would.
 * Returns a function that puts the stock handler back.
 */
export function listenForReadOnlyNotice(
  provider: WebsocketProvider,
  onReadOnly: () => void,
): () => void {
  const stock = provider.messageHandlers[authMessageType]
  provider.messageHandlers[authMessageType] = (_encoder, decoder) => {
    const reason = readPermissionDenied(decoder)
    if (reason === readOnlyReason) onReadOnly()
    else if (reason !== null) console.warn(`[stormline] permission denied: ${reason}`)
  }
  return () => {
    if (stock !== undefined) provider.messageHandlers[authMessageType] = stock
  }
}
