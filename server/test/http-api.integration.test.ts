import type {
  BoardAccess,
  BoardMeta,
  ClientConfig,
  CreatedBoard,
} from '@stormline/shared/api/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServer } from './support/server-process.ts'

let server: ServerProcess

beforeAll(async () => {
  server = await startServer({ env: { TLDRAW_LICENSE_KEY: 'operator-key-123' } })
})

afterAll(async () => {
  await server.dispose()
})

const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.httpUrl}/api/boards`, { method: 'POST', body, headers })

describe('HTTP API', () => {
  it('creates a board with an unguessable id and returns its metadata', async () => {
    const response = await post(JSON.stringify({ name: '  Path to production  ' }), {
      'content-type': 'application/json',
    })
    expect(response.status).toBe(201)
    const board = (await response.json()) as CreatedBoard
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(board.name).toBe('Path to production')
    expect(board.template).toBe('path-to-production')
    expect(Date.parse(board.createdAt)).not.toBeNaN()

    const found = await fetch(
      `${server.httpUrl}/api/boards/${board.id}?token=${board.tokens.participant}`,
    )
    expect(found.status).toBe(200)
    const { links: _links, tokens: _tokens, ...meta } = board
    // Its first update (the name, in the document) was stored as it was created.
    const access = (await found.json()) as BoardAccess
    expect(access).toEqual({ ...meta, role: 'participant', lastActivityAt: expect.any(String) })
    expect(Date.parse(access.lastActivityAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(board.createdAt),
    )
  })

  it('creates a board from a named template', async () => {
    const response = await post(JSON.stringify({ template: 'post-mortem' }))
    expect(response.status).toBe(201)
    expect(((await response.json()) as BoardMeta).template).toBe('post-mortem')
  })

  it('names a board created without a body', async () => {
    const response = await post('')
    expect(response.status).toBe(201)
    expect(((await response.json()) as BoardMeta).name).toBe('Untitled discovery session')
  })

  it.each([
    ['malformed JSON', '{"name":', 'invalid_json'],
    ['a name of the wrong type', '{"name":5}', 'invalid_body'],
    ['an over-long name', JSON.stringify({ name: 'x'.repeat(201) }), 'invalid_body'],
    ['unknown fields', '{"nme":"typo"}', 'invalid_body'],
    ['a JSON array', '[]', 'invalid_body'],
    ['an unknown template', '{"template":"kanban"}', 'invalid_body'],
  ])('rejects %s with a 400 JSON error', async (_name, body, code) => {
    const response = await post(body, { 'content-type': 'application/json' })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } })
  })

  it.each(['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-board', '%2e%2e%2f'])(
    'answers 404 board_not_found for board %s',
    async (id) => {
      const response = await fetch(`${server.httpUrl}/api/boards/${id}`)
      expect(response.status).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'board_not_found',
      )
    },
  )

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await fetch(`${server.httpUrl}/api/nothing-here`)
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('hands the operator licence key to the browser at run time', async () => {
    const response = await fetch(`${server.httpUrl}/api/config`)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect((await response.json()) as ClientConfig).toEqual({
      tldrawLicenseKey: 'operator-key-123',
    })
  })

  it.each(['/', '/b/some-board', '/api/config'])('sends security headers on %s', async (path) => {
    const response = await fetch(`${server.httpUrl}${path}`)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('reports health', async () => {
    const response = await fetch(`${server.httpUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })
})
