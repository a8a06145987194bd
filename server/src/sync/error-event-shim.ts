/**
 * @hono/node-ws wraps a socket error in `new ErrorEvent(...)`, a browser global Node does not
 * have; the ReferenceError is then printed as a stack trace and our onError never runs. With
 * this shim the endpoint's onError receives the real error (e.g. a frame over MAX_MESSAGE_BYTES)
 * and logs it as one line.
 */
class SocketErrorEvent extends Event {
  readonly error: unknown
  readonly message: string

  constructor(type: string, init: { error?: unknown; message?: string } = {}) {
    super(type)
    this.error = init.error
    this.message = init.message ?? (init.error instanceof Error ? init.error.message : '')
  }
}

export function installErrorEventShim(): void {
  if (!('ErrorEvent' in globalThis)) {
    Object.defineProperty(globalThis, 'ErrorEvent', {
      value: SocketErrorEvent,
      configurable: true,
      writable: true,
    })
  }
}
