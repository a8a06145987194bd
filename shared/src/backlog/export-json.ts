import type { Backlog } from './backlog-types.ts'

/**
 * JSON export, `schemaVersion: 1` (documented in the README). Links are made
 * absolute with the server's public URL so the file stands on its own.
 */
export function backlogToJson(backlog: Backlog, baseUrl: string): string {
  const absolute: Backlog = {
    ...backlog,
    items: backlog.items.map((item) => ({ ...item, link: `${baseUrl}${item.link}` })),
  }
  return `${JSON.stringify(absolute, null, 2)}\n`
}
