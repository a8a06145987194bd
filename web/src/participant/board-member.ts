import type { MeResponse } from '@stormline/shared/access/identity'
import { ApiError } from '../api/client.ts'

/**
 * The second step of opening a board, after the page's access is known: who this browser is on
 * it (`POST /api/boards/:id/me`, ADR 0013). The answer's member id becomes the page's participant
 * id (authorship, presence, dots), and its role the page's role.
 */
export type MemberResult =
  | { state: 'member'; me: MeResponse }
  | { state: 'link-invalid' }
  | { state: 'not-found' }
  | { state: 'unreachable' }

export async function askMember(
  boardId: string,
  getMe: (boardId: string) => Promise<MeResponse>,
): Promise<MemberResult> {
  try {
    return { state: 'member', me: await getMe(boardId) }
  } catch (error) {
    if (error instanceof ApiError) {
      // The access check just passed: a refusal now means the link was renewed in between.
      if (error.status === 401 || error.status === 403) return { state: 'link-invalid' }
      if (error.status === 404 || error.status === 400) return { state: 'not-found' }
    }
    return { state: 'unreachable' }
  }
}
