import type { BoardAccess } from '@stormline/shared/api/types'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/client.ts'
import { type AccessApi, resolveAccess, resolveAccessWithSavedLink } from './resolve-access.ts'

const board: BoardAccess = {
  id: 'AbCdEfGhIjKlMnOpQrStUv',
  name: 'Discovery',
  template: 'path-to-production',
  createdAt: '2026-11-24T10:00:00.000Z',
  role: 'participant',
}

function api(answer: () => Promise<BoardAccess>): AccessApi & {
  claimAccess: ReturnType<typeof vi.fn>
  getBoardAccess: ReturnType<typeof vi.fn>
} {
  return { claimAccess: vi.fn(answer), getBoardAccess: vi.fn(answer) }
}

describe('resolveAccess', () => {
  it('claims the link token, then lets the page drop it from the address', async () => {
    const server = api(async () => board)
    const claimed = vi.fn()
    const result = await resolveAccess(board.id, 'secret', server, claimed)
    expect(result).toEqual({ state: 'granted', board })
    expect(server.claimAccess).toHaveBeenCalledWith(board.id, 'secret')
    expect(server.getBoardAccess).not.toHaveBeenCalled()
    expect(claimed).toHaveBeenCalledOnce()
  })

  it('asks with the cookie when the address has no token', async () => {
    const server = api(async () => board)
    const claimed = vi.fn()
    expect(await resolveAccess(board.id, null, server, claimed)).toEqual({
      state: 'granted',
      board,
    })
    expect(server.getBoardAccess).toHaveBeenCalledWith(board.id)
    expect(claimed).not.toHaveBeenCalled()
  })

  it('tells an invalid link from a missing board from an unreachable server', async () => {
    const failing = (error: unknown) =>
      api(async () => {
        throw error
      })
    const claimed = vi.fn()
    expect(
      await resolveAccess(
        board.id,
        'old',
        failing(new ApiError(401, 'invalid_token', '')),
        claimed,
      ),
    ).toEqual({ state: 'link-invalid' })
    // No token at all (no link in the address, no cookie): the page asks for a board link.
    expect(
      await resolveAccess(board.id, null, failing(new ApiError(401, 'token_required', ''))),
    ).toEqual({ state: 'link-needed' })
    // A cookie whose token was renewed away is an invalid link, not a missing one.
    expect(
      await resolveAccess(board.id, null, failing(new ApiError(401, 'invalid_token', ''))),
    ).toEqual({ state: 'link-invalid' })
    expect(
      await resolveAccess(board.id, 't', failing(new ApiError(404, 'board_not_found', ''))),
    ).toEqual({ state: 'not-found' })
    expect(await resolveAccess(board.id, 't', failing(new TypeError('fetch failed')))).toEqual({
      state: 'unreachable',
    })
    expect(claimed).not.toHaveBeenCalled()
  })

  it('falls back on the saved facilitator link when the cookie no longer lets this browser in', async () => {
    const server = api(async () => board)
    server.getBoardAccess.mockRejectedValueOnce(new ApiError(401, 'token_required', ''))
    const claimed = vi.fn()
    expect(await resolveAccessWithSavedLink(board.id, null, 'saved', server, claimed)).toEqual({
      state: 'granted',
      board,
    })
    expect(server.claimAccess).toHaveBeenCalledWith(board.id, 'saved')
    // The saved token never was in the address bar.
    expect(claimed).not.toHaveBeenCalled()
  })

  it('does not try the saved link over a link in the address, or when the cookie works', async () => {
    const refusing = api(async () => {
      throw new ApiError(401, 'invalid_token', '')
    })
    expect(await resolveAccessWithSavedLink(board.id, 'old', 'saved', refusing)).toEqual({
      state: 'link-invalid',
    })
    expect(refusing.claimAccess).toHaveBeenCalledTimes(1)
    expect(refusing.claimAccess).toHaveBeenCalledWith(board.id, 'old')
    const server = api(async () => board)
    await resolveAccessWithSavedLink(board.id, null, 'saved', server)
    expect(server.claimAccess).not.toHaveBeenCalled()
  })

  it('gives up with "link needed" when neither the cookie nor a saved link exists', async () => {
    const refusing = api(async () => {
      throw new ApiError(401, 'token_required', '')
    })
    expect(await resolveAccessWithSavedLink(board.id, null, null, refusing)).toEqual({
      state: 'link-needed',
    })
  })
})

describe('links from an export (preferCookie)', () => {
  const viewer: BoardAccess = { ...board, role: 'viewer' }

  it('keeps the role this browser already has instead of claiming the link’s viewer token', async () => {
    const server = api(async () => board)
    const claimed = vi.fn()
    const result = await resolveAccessWithSavedLink(
      board.id,
      'viewer-token',
      null,
      server,
      claimed,
      {
        preferCookie: true,
      },
    )
    expect(result).toEqual({ state: 'granted', board })
    expect(server.claimAccess).not.toHaveBeenCalled()
    // The token leaves the address bar all the same.
    expect(claimed).toHaveBeenCalledOnce()
  })

  it('claims the viewer token for a stranger, who then sees the board read-only', async () => {
    const server = api(async () => viewer)
    server.getBoardAccess.mockRejectedValueOnce(new ApiError(401, 'token_required', ''))
    const claimed = vi.fn()
    const result = await resolveAccessWithSavedLink(
      board.id,
      'viewer-token',
      null,
      server,
      claimed,
      {
        preferCookie: true,
      },
    )
    expect(result).toEqual({ state: 'granted', board: viewer })
    expect(server.claimAccess).toHaveBeenCalledWith(board.id, 'viewer-token')
    expect(claimed).toHaveBeenCalledOnce()
  })

  it('tries the facilitator’s saved link before the viewer token', async () => {
    const server = api(async () => board)
    server.getBoardAccess.mockRejectedValueOnce(new ApiError(401, 'token_required', ''))
    const result = await resolveAccessWithSavedLink(
      board.id,
      'viewer-token',
      'saved',
      server,
      vi.fn(),
      {
        preferCookie: true,
      },
    )
    expect(result).toEqual({ state: 'granted', board })
    expect(server.claimAccess).toHaveBeenCalledTimes(1)
    expect(server.claimAccess).toHaveBeenCalledWith(board.id, 'saved')
  })

  it('says the link no longer works when its token was renewed away', async () => {
    const server = api(async () => {
      throw new ApiError(401, 'invalid_token', '')
    })
    server.getBoardAccess.mockRejectedValueOnce(new ApiError(401, 'token_required', ''))
    expect(
      await resolveAccessWithSavedLink(board.id, 'old-viewer-token', null, server, vi.fn(), {
        preferCookie: true,
      }),
    ).toEqual({ state: 'link-invalid' })
  })
})
