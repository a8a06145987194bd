import type { Context } from 'hono'
import type { z } from 'zod'
import { apiError } from './api-error.ts'

export type JsonBodyResult<T> = { ok: true; data: T } | { ok: false; response: Response }

/**
 * Reads and validates a JSON body. An empty body counts as `{}` so optional-only bodies can be
 * left out; anything that is not JSON, or does not match the schema, is a 400 with the reasons.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<JsonBodyResult<z.infer<S>>> {
  const raw = await c.req.text()
  let json: unknown = {}
  if (raw.trim() !== '') {
    try {
      json = JSON.parse(raw)
    } catch {
      return {
        ok: false,
        response: apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.'),
      }
    }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      )
      .join('; ')
    return { ok: false, response: apiError(c, 400, 'invalid_body', message) }
  }
  return { ok: true, data: parsed.data }
}
