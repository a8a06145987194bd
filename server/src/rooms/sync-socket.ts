/**
 * The only thing the sync core needs from a connection. The websocket edge
 * (server/src/sync) adapts a real socket to it; tests use in-memory peers.
 */
export interface SyncSocket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
  /**
   * Stop reading the peer's frames until `resume` (BAD-2 backpressure: they wait in the peer's
   * TCP buffers instead of the server's memory). Optional: without it, the queue bound alone
   * protects the server.
   */
  pause?(): void
  resume?(): void
}

/** What the registry hands back for an accepted socket. */
export interface RoomConnection {
  /** Feed one binary message received from the peer. */
  receive(message: Uint8Array): void
  /** The peer went away (closed, errored or timed out). Idempotent. */
  disconnect(): void
}

/** Closes a socket that may already be closed (closing twice must not throw at the caller). */
export function safeClose(socket: SyncSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason)
  } catch {
    // Already closed.
  }
}
