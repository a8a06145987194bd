import type { Backlog } from './backlog-types.ts'
import { stringifyHtmlSafe } from './html-safe-json.ts'

/**
 * JSON export, `schemaVersion: 1` (documented in the README): the ranked
 * `items`, then the `unranked` pain points. Links are made absolute with the
 * server's public URL so the file stands on its own.
 * Sticky text stays verbatim, but `<`, `>` and `&` are written as \u escapes
 * so the file is also safe to embed in an HTML page.
 */
export function backlogToJson(backlog: Backlog, baseUrl: string): string {
  const absolute: Backlog = {
    ...backlog,
    items: backlog.items.map((item) => ({ ...item, link: `${baseUrl}${item.link}` })),
    unranked: backlog.unranked.map((point) => ({ ...point, link: `${baseUrl}${point.link}` })),
  }
  return `${stringifyHtmlSafe(absolute, 2)}\n`
}
