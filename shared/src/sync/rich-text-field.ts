import { isJsonObject, jsonEqual } from './json-value.ts'

/**
 * A sticky's text as a `Y.Text` (record layout v2): tldraw keeps note text as a TipTap document,
 * and most notes are plain paragraphs. Those are stored as their plain text, one line per
 * paragraph, so concurrent typing merges character by character. Anything else (marks, lists,
 * attributes) is kept whole as JSON.
 */

type Attrs = Record<string, unknown>

interface Paragraph {
  type: 'paragraph'
  attrs?: Attrs
  content?: { type: 'text'; text: string }[]
}

/**
 * A rich text reduced to what a `Y.Text` holds: its plain text, one line per paragraph, and the
 * attributes of the document and of every paragraph (tldraw's editor writes `{ dir: 'auto' }`
 * on both), which must be the same on every paragraph for the text to have a plain form.
 */
export interface PlainRichText {
  text: string
  docAttrs?: Attrs
  paragraphAttrs?: Attrs
}

/** The document tldraw's own `toRichText` makes for this text (one paragraph per line). */
export function richTextFromPlainText(text: string): { type: 'doc'; content: Paragraph[] } {
  return richTextFromPlainForm({ text })
}

/** The rich text of a plain form; the exact inverse of plainFormOf. */
export function richTextFromPlainForm({ text, docAttrs, paragraphAttrs }: PlainRichText): {
  type: 'doc'
  attrs?: Attrs
  content: Paragraph[]
} {
  const content = text.split('\n').map((line): Paragraph => {
    const paragraph: Paragraph = { type: 'paragraph' }
    if (paragraphAttrs) paragraph.attrs = { ...paragraphAttrs }
    if (line) paragraph.content = [{ type: 'text', text: line }]
    return paragraph
  })
  return docAttrs ? { type: 'doc', attrs: { ...docAttrs }, content } : { type: 'doc', content }
}

function attrsOf(node: object): Attrs | undefined | null {
  const attrs = (node as { attrs?: unknown }).attrs
  if (attrs === undefined) return undefined
  return isJsonObject(attrs) ? attrs : null
}

/**
 * The plain form of a rich text when the text is exactly what `richTextFromPlainForm` makes of
 * it (paragraphs of unmarked text, one set of attributes), else null: storing it as a `Y.Text`
 * must lose nothing.
 */
export function plainFormOf(richText: unknown): PlainRichText | null {
  if (typeof richText !== 'object' || richText === null) return null
  const { type, content } = richText as { type?: unknown; content?: unknown }
  if (type !== 'doc' || !Array.isArray(content) || content.length === 0) return null
  const docAttrs = attrsOf(richText)
  if (docAttrs === null) return null
  const first = content[0]
  const paragraphAttrs = typeof first === 'object' && first !== null ? attrsOf(first) : null
  if (paragraphAttrs === null) return null
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
  const form: PlainRichText = { text: lines.join('\n') }
  if (docAttrs) form.docAttrs = docAttrs
  if (paragraphAttrs) form.paragraphAttrs = paragraphAttrs
  return jsonEqual(richTextFromPlainForm(form), richText) ? form : null
}

/** The plain text of a rich text that has a plain form (plainFormOf), else null. */
export function plainTextFromRichText(richText: unknown): string | null {
  return plainFormOf(richText)?.text ?? null
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
  // Already there (the local editor took in a peer's change before reporting it): nothing to do.
  if (current === after) return { index: current.length, deleteCount: 0, insert: '' }
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
