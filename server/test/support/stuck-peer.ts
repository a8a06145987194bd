import { randomBytes } from 'node:crypto'
import net from 'node:net'

/**
 * A websocket peer that completes the handshake and then goes silent: it never
 * answers the server's close frame, like a client whose machine froze. It keeps
 * its TCP connection open until destroyed, so a server that waits for every
 * connection to end before exiting would wait for it.
 */
export interface StuckPeer {
  /** Bytes the server sent after the handshake (its first sync messages, then its close frame). */
  received(): number
  destroy(): void
}

export function openStuckPeer(port: number, path: string): Promise<StuckPeer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let buffered = Buffer.alloc(0)
    let afterHandshake = -1
    socket.on('error', reject)
    socket.on('connect', () => {
      socket.write(
        [
          `GET ${path} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      )
    })
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      if (afterHandshake < 0) {
        const end = buffered.indexOf('\r\n\r\n')
        if (end < 0) return
        const status = buffered.subarray(0, buffered.indexOf('\r\n')).toString()
        if (!status.includes(' 101 ')) {
          reject(new Error(`handshake refused: ${status}`))
          return
        }
        afterHandshake = end + 4
      }
      // Joined once the server has sent its first message (sync step 1) on the socket.
      if (buffered.length > afterHandshake) {
        resolve({
          received: () => buffered.length - afterHandshake,
          destroy: () => socket.destroy(),
        })
      }
    })
  })
}
