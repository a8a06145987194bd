import { effectiveRole } from '@stormline/shared/access/identity'
import { boardRoles } from '@stormline/shared/access/roles'
import {
  type BoardAccess,
  type CreatedBoard,
  defaultBoardName,
  maxBoardNameLength,
  type RotatedLinks,
} from '@stormline/shared/api/types'
import { sessionKeys } from '@stormline/shared/board/session'
import { boardTemplateIds, defaultBoardTemplate } from '@stormline/shared/board/templates'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { Hono } from 'hono'
import { z } from 'zod'
import { resolveBoardAccess } from '../access/board-access.ts'
import { issueTokens } from '../access/tokens.ts'
import { newBoardId } from '../boards/board-id.ts'
import type { BoardRecord, BoardStore } from '../boards/board-store.ts'
import { initialDocumentUpdate } from '../boards/initial-document.ts'
import { ensureMember } from '../identity/ensure-member.ts'
import { requestMemberCredential } from '../identity/socket-member.ts'
import type { RoomRegistry } from '../rooms/room-registry.ts'
import { apiError } from './api-error.ts'
import { type BoardGuardEnv, boardGuard } from './board-guard.ts'
import {
  boardLinks,
  clearMemberCookie,
  clearTokenCookie,
  linkOrigin,
  setMemberCookie,
  setTokenCookie,
} from './board-links.ts'
import { toBoardMeta } from './board-meta.ts'
import { readJsonBody } from './json-body.ts'

const boardName = z
  .string()
  .trim()
  .max(maxBoardNameLength, `name must be at most ${maxBoardNameLength} characters`)

const createBoardBody = z
  .object({
    name: boardName.optional(),
    template: z
      .enum(boardTemplateIds, {
        error: `template must be one of: ${boardTemplateIds.join(', ')}`,
      })
      .optional(),
    anonymous: z.boolean({ error: 'anonymous must be true or false' }).optional(),
  })
  .strict()

const renameBody = z.object({ name: boardName.min(1, 'name must not be empty') }).strict()

const accessBody = z
  .object({ token: z.string({ error: 'token must be a string' }).max(200) })
  .strict()

const rotateBody = z
  .object({
    roles: z
      .array(z.enum(boardRoles, { error: `roles must be some of: ${boardRoles.join(', ')}` }))
      .min(1, 'roles must name at least one role')
      .optional(),
  })
  .strict()

export interface BoardsRoutesOptions {
  store: BoardStore
  registry: RoomRegistry
  publicUrl: string | null
}

/**
 * Creates a board with a fresh token per role and answers with its three links. The tokens are
 * in this answer only: the store keeps their hashes.
 */
export async function createBoardWithLinks(
  store: BoardStore,
  board: BoardRecord,
  origin: string,
  initialUpdate: Uint8Array | null,
): Promise<CreatedBoard> {
  const { tokens, hashes } = issueTokens()
  await store.createBoard(board, hashes, initialUpdate ?? undefined)
  return { ...toBoardMeta(board), links: boardLinks(origin, board.id, tokens), tokens }
}

/** `/api/boards`: create, open with a token, rename, delete, rotate links (ADR 0008). */
export function boardsRoutes({
  store,
  registry,
  publicUrl,
}: BoardsRoutesOptions): Hono<BoardGuardEnv> {
  const app = new Hono<BoardGuardEnv>()
  const guard = boardGuard(store)

  app.post('/', async (c) => {
    const body = await readJsonBody(c, createBoardBody)
    if (!body.ok) return body.response
    const board: BoardRecord = {
      id: newBoardId(),
      name: body.data.name || defaultBoardName,
      template: body.data.template ?? defaultBoardTemplate,
      createdAt: new Date(),
    }
    const initial = initialDocumentUpdate({ anonymous: body.data.anonymous ?? false })
    return c.json(await createBoardWithLinks(store, board, linkOrigin(c, publicUrl), initial), 201)
  })

  app.get('/:id', guard('viewer'), async (c) => {
    const lastActivity = await store.lastActivity(c.var.board.id)
    const access: BoardAccess = {
      ...toBoardMeta(c.var.board),
      role: c.var.role,
      lastActivityAt: lastActivity?.toISOString() ?? null,
    }
    return c.json(access)
  })

  // Turns the token of a link into the board's cookie, so the page can drop it from the URL.
  // The answer's role is the one the browser acts with (a co-facilitator's participant link
  // acts as the facilitator's).
  app.post('/:id/access', async (c) => {
    const body = await readJsonBody(c, accessBody)
    if (!body.ok) return body.response
    const boardId = c.req.param('id')
    const access = await resolveBoardAccess(store, boardId, body.data.token)
    if (access.kind === 'board_not_found') {
      return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    }
    if (access.kind !== 'granted') {
      return apiError(c, 401, 'invalid_token', 'This link is not valid (anymore) for this board.')
    }
    setTokenCookie(c, boardId, body.data.token, publicUrl)
    // The browser's person on this board comes with its link: kept if it has one, else new.
    const { member, credential } = await ensureMember(
      store,
      boardId,
      requestMemberCredential(c, boardId),
      new Date(),
    )
    setMemberCookie(c, boardId, credential, publicUrl)
    const answer: BoardAccess = {
      ...toBoardMeta(access.board),
      role: effectiveRole(access.role, member.grant),
    }
    return c.json(answer)
  })

  app.patch('/:id', guard('facilitator'), async (c) => {
    const body = await readJsonBody(c, renameBody)
    if (!body.ok) return body.response
    await store.renameBoard(c.var.board.id, body.data.name)
    // Everyone on the board sees the new name at once, through the document.
    await registry.writeDocument(c.var.board.id, (doc) =>
      doc.getMap<unknown>(docLayout.session).set(sessionKeys.boardName, body.data.name),
    )
    return c.json(toBoardMeta({ ...c.var.board, name: body.data.name }))
  })

  app.delete('/:id', guard('facilitator'), async (c) => {
    const boardId = c.var.board.id
    // Close the room first (on every node): it must not compact into a board that no longer exists.
    registry.closeBoard(boardId)
    await store.deleteBoard(boardId)
    clearTokenCookie(c, boardId)
    clearMemberCookie(c, boardId)
    return c.body(null, 204)
  })

  app.post('/:id/links/rotate', guard('facilitator'), async (c) => {
    const body = await readJsonBody(c, rotateBody)
    if (!body.ok) return body.response
    const boardId = c.var.board.id
    const roles = [...new Set(body.data.roles ?? (['participant', 'viewer'] as const))]
    // A co-facilitator runs the workshop, but may not take the board from whoever holds the
    // facilitator link by renewing it (ADR 0013).
    if (roles.includes('facilitator') && c.var.linkRole !== 'facilitator') {
      return apiError(c, 403, 'forbidden', 'Only the holder of the facilitator link may renew it.')
    }
    const { tokens, hashes } = issueTokens(roles)
    await store.setTokenHashes(boardId, hashes)
    // Sockets opened with the old tokens of these roles lose access now, not at their next reconnect.
    registry.disconnectRoles(boardId, roles)
    if (tokens.facilitator) setTokenCookie(c, boardId, tokens.facilitator, publicUrl)
    const answer: RotatedLinks = {
      links: boardLinks(linkOrigin(c, publicUrl), boardId, tokens),
      tokens,
    }
    return c.json(answer)
  })

  return app
}
