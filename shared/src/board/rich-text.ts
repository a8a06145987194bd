/**
 * tldraw 5 stores note text as TipTap/ProseMirror JSON (`props.richText`). The
 * server, exports and tests need the words without an editor, so this walks
 * the JSON: text nodes are concatenated, block nodes become lines.
 */

const blockTypes = new Set([
  'paragraph',
  'heading',
  'listItem',
  'bulletList',
  'orderedList',
  'taskItem',
  'taskList',
  'blockquote',
  'codeBlock',
])

/** Caps the walk so a hostile document cannot make the reader recurse without bound. */
const maxDepth = 64

function collect(node: unknown, lines: string[], depth: number): void {
  if (depth > maxDepth || typeof node !== 'object' || node === null) return
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown }
  if (type === 'text' && typeof text === 'string') {
    lines[lines.length - 1] += text
    return
  }
  if (type === 'hardBreak') {
    lines.push('')
    return
  }
  const isBlock = typeof type === 'string' && blockTypes.has(type)
  if (isBlock && lines[lines.length - 1] !== '') lines.push('')
  if (Array.isArray(content)) for (const child of content) collect(child, lines, depth + 1)
  if (isBlock && lines[lines.length - 1] !== '') lines.push('')
}

/** Plain text of a rich-text document: one line per paragraph, trimmed, blank lines dropped. */
export function richTextToPlainText(richText: unknown): string {
  if (typeof richText === 'string') return richText.trim()
  const lines: string[] = ['']
  collect(richText, lines, 0)
  return lines
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}
