import { jsonEqual } from './json-value.ts'

/**
 * A sticky's text as a `Y.Text` (record layout v2): tldraw keeps note text as a TipTap document,
 * and most notes are plain paragraphs. Those are stored as their plain text, one line per
 * paragraph, so concurrent typing merges character by character. Anything else (marks, lists,
 * attributes) is kept whole as JSON.
 */

interface Paragraph {
  type: 'paragraph'
  content?: { type: 'text'; text: string }[]
}

/** The document tldraw's own `toRichText` makes for this text (one paragraph per line). */
export function richTextFromPlainText(text: string): { type: 'doc'; content: Paragraph[] } {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map(
        (line): Paragraph =>
          line
            ? { type: 'paragraph', content: [{ type: 'text', text: line }] }
            : { type: 'paragraph' },
      ),
  }
}

/**
 * The plain text of a rich-text document when the document is exactly what
 * `richTextFromPlainText` makes of it, else null: storing it as text must lose nothing.
 */
export function plainTextFromRichText(richText: unknown): string | null {
  if (typeof richText !== 'object' || richText === null) return null
  const { type, content } = richText as { type?: unknown; content?: unknown }
  if (type !== 'doc' || !Array.isArray(content) || content.length === 0) return null
  const lines: string[] = []
  for (const paragraph of content) {
    if (typeof paragraph !== 'object' || paragraph === null) return null
    const runs = (paragraph as { content?: unknown }).content
    let line = ''
    if (Array.isArray(runs)) {
      for (const run of runs) {
        const text = (run as { text?: unknown } | null)?.text
        if (typeof text !== 'string') return null
        line += text
      }
    }
    if (line.includes('\n')) return null
    lines.push(line)
  }
  const text = lines.join('\n')
  return jsonEqual(richTextFromPlainText(text), richText) ? text : null
}

export interface TextSplice {
  index: number
  deleteCount: number
  insert: string
}

/** The single splice turning `from` into `to`: common prefix and suffix kept, the middle replaced. */
export function textSplice(from: string, to: string): TextSplice {
  const max = Math.min(from.length, to.length)
  let start = 0
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++
  // Never cut a surrogate pair in half: step back onto its first unit.
  if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start--
  let end = 0
  while (
    end < max - start &&
    from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)
  ) {
    end++
  }
  if (end > 0 && isLowSurrogate(from.charCodeAt(from.length - end))) end--
  return {
    index: start,
    deleteCount: from.length - start - end,
    insert: to.slice(start, to.length - end),
  }
}

/**
 * The splice to apply to `current` (what the shared text holds now) for a local edit that turned
 * `before` into `after`. When nobody else typed meanwhile, current equals before and this is the
 * local edit itself. Otherwise the local edit is re-based onto `current`, anchored on the text
 * before it or, failing that, the text after it, so a peer's characters elsewhere survive; when
 * neither anchor holds (both changed the same words), `current` is turned into `after` whole.
 */
export function spliceToReach(current: string, before: string | null, after: string): TextSplice {
  if (before === null || before === current) return textSplice(current, after)
  const local = textSplice(before, after)
  const prefix = before.slice(0, local.index)
  const removed = before.slice(local.index, local.index + local.deleteCount)
  const suffix = before.slice(local.index + local.deleteCount)
  if (current.startsWith(prefix) && current.startsWith(removed, prefix.length)) {
    return { index: prefix.length, deleteCount: removed.length, insert: local.insert }
  }
  if (current.endsWith(suffix)) {
    const end = current.length - suffix.length
    const start = end - removed.length
    if (start >= 0 && current.slice(start, end) === removed) {
      return { index: start, deleteCount: removed.length, insert: local.insert }
    }
  }
  return textSplice(current, after)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
