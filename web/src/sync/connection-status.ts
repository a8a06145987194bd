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

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`
}

/**
 * What the pill says, with the count of changes the server has not stored yet (OFF-2): while
 * live they are on their way; offline they wait in this browser (IndexedDB) for the next
 * connection, even across a reload or a closed tab.
 */
export function connectionStatusLabel(status: ConnectionStatus, unsaved = 0): string {
  switch (status) {
    case 'connecting':
      return unsaved === 0 ? 'Connecting…' : `Connecting… ${changes(unsaved)} not yet saved`
    case 'live':
      return unsaved === 0 ? 'Live' : `Saving ${changes(unsaved)}…`
    case 'offline':
      return unsaved === 0
        ? 'Offline — your edits are kept in this browser and sent on reconnect'
        : `Offline — ${changes(unsaved)} not yet saved; they are kept in this browser and sent on reconnect`
  }
}
