import type { ApiErrorBody } from '@stormline/shared/api/types'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Every API error has the same JSON shape so clients handle them in one place. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  const body: ApiErrorBody = { error: { code, message } }
  return c.json(body, status)
}
