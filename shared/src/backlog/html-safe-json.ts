/**
 * JSON that is also safe to paste into an HTML page (a `<script>` block, an
 * attribute, a template): `<`, `>` and `&` — and the line separators U+2028
 * and U+2029, which older JavaScript parsers treat as line breaks — are written
 * as `\uXXXX` escapes. These characters can only occur inside JSON strings, so
 * the escaped text parses back to exactly the same value: user text stays
 * verbatim as data, it just can never close a tag or start one.
 */

const htmlActive = /[<>&\u2028\u2029]/g

export function escapeJsonForHtml(json: string): string {
  return json.replace(
    htmlActive,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** `JSON.stringify` followed by escapeJsonForHtml. */
export function stringifyHtmlSafe(value: unknown, indent?: number): string {
  return escapeJsonForHtml(JSON.stringify(value, null, indent))
}
