/**
 * What the connection pill shows. "Offline" only makes sense once the board has loaded: before
 * that there are no edits to keep, and the user is simply waiting for the first connection.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'offline'

export interface ConnectionFacts {
  /** The websocket is open. */
  connected: boolean
  /** The provider has exchanged state with the server over the current socket. */
  synced: boolean
  /** The board was loaded into the editor (first sync happened at some point). */
  loaded: boolean
}

export function connectionStatus({ connected, synced, loaded }: ConnectionFacts): ConnectionStatus {
  if (connected && synced) return 'live'
  return loaded ? 'offline' : 'connecting'
}

export const connectionStatusLabel: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline — your edits are kept and will be sent on reconnect',
}
