import type { Backlog } from './backlog-types.ts'
import { stringifyHtmlSafe } from './html-safe-json.ts'

/**
 * JSON export, `schemaVersion: 1` (documented in the README). Links are made
 * absolute with the server's public URL so the file stands on its own.
 * Sticky text stays verbatim, but `<`, `>` and `&` are written as \u escapes
 * so the file is also safe to embed in an HTML page.
 */
export function backlogToJson(backlog: Backlog, baseUrl: string): string {
  const absolute: Backlog = {
    ...backlog,
    items: backlog.items.map((item) => ({ ...item, link: `${baseUrl}${item.link}` })),
  }
  return `${stringifyHtmlSafe(absolute, 2)}\n`
}
