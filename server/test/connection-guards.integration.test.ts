import type { CreatedBoard } from '@stormline/shared/api/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createBoard, syncUrl } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/** Guards at the websocket edge: foreign origins are refused, dead peers are dropped. */

let server: ServerProcess
let board: CreatedBoard

beforeAll(async () => {
  server = await startServer({
    env: { HEARTBEAT_MS: '200', ALLOWED_ORIGINS: 'https://workshop.example.org' },
  })
  board = await createBoard(server)
})

afterAll(async () => {
  await server.dispose()
})

function handshake(origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(syncUrl(server, board), origin ? { origin } : {})
    socket.on('open', () => {
      socket.close()
      resolve(101)
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('error', () => {})
    setTimeout(() => reject(new Error('no answer')), 5_000)
  })
}

describe('websocket origin check', () => {
  it.each([
    ['its own origin', () => server.httpUrl, 101],
    ['an allowed origin', () => 'https://workshop.example.org', 101],
    ['no origin (not a browser)', () => undefined, 101],
    ['a foreign site', () => 'https://evil.example', 403],
    ['a malformed origin', () => 'not a url', 403],
  ])('answers a handshake from %s with %d', async (_name, origin, status) => {
    expect(await handshake(origin())).toBe(status)
  })
})

describe('heartbeat', () => {
  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const dead = new WebSocket(syncUrl(server, board), { autoPong: false })
    const alive = new WebSocket(syncUrl(server, board))
    const deadClosed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)))
    await Promise.all([dead, alive].map((s) => new Promise((resolve) => s.on('open', resolve))))
    expect(await deadClosed).toBe(1006)
    expect(alive.readyState).toBe(WebSocket.OPEN)
    alive.close()
  })
})

describe('CORS', () => {
  it('answers only the configured origins, with credentials', async () => {
    const allowed = await fetch(`${server.httpUrl}/api/config`, {
      headers: { origin: 'https://workshop.example.org' },
    })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://workshop.example.org')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    const foreign = await fetch(`${server.httpUrl}/api/config`, {
      headers: { origin: 'https://evil.example' },
    })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })
})
