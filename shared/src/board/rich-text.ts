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

/**
 * The text of the document tldraw writes for a one-line note (a doc holding one paragraph of text
 * runs), or null for any other shape. Boards are mostly such notes, and reading them needs no walk.
 */
function singleParagraphText(richText: unknown): string | null {
  if (typeof richText !== 'object' || richText === null) return null
  const doc = richText as { type?: unknown; content?: unknown }
  if (doc.type !== 'doc' || !Array.isArray(doc.content) || doc.content.length !== 1) return null
  const paragraph = doc.content[0] as { type?: unknown; content?: unknown } | null
  if (typeof paragraph !== 'object' || paragraph === null) return null
  if (paragraph.type !== 'paragraph' || !Array.isArray(paragraph.content)) return null
  let text = ''
  for (const run of paragraph.content as unknown[]) {
    if (typeof run !== 'object' || run === null) return null
    const { type, text: runText } = run as { type?: unknown; text?: unknown }
    if (type !== 'text' || typeof runText !== 'string') return null
    text += runText
  }
  return text
}

/** Plain text of a rich-text document: one line per paragraph, trimmed, blank lines dropped. */
export function richTextToPlainText(richText: unknown): string {
  if (typeof richText === 'string') return richText.trim()
  const single = singleParagraphText(richText)
  if (single !== null) return single.replace(/\s+/g, ' ').trim()
  const lines: string[] = ['']
  collect(richText, lines, 0)
  return lines
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}
