import type { Backlog, BacklogItem, UnrankedPainPoint } from './backlog-types.ts'
import { scoringWeights } from './score.ts'

/**
 * Markdown export: one section per backlog item, quoting its pain points as
 * evidence, then the unranked pain points under "Not voted yet". Sticky text
 * is user input and must stay inert text in any Markdown viewer:
 * - line breaks (including U+2028/U+2029) become spaces, so text cannot end
 *   its quote, heading or list item and start a block of its own;
 * - Markdown punctuation that starts emphasis, code, links, tables or
 *   headings is backslash-escaped, and a leading list marker (`-`, `+`, `1.`)
 *   too, since the text opens the paragraph inside an evidence quote or a
 *   list item;
 * - `<` and `>` become `&lt;` and `&gt;` rather than `\<`: the original
 *   Markdown.pl and some of its descendants do not honour a backslash before
 *   `<` and would pass `<img onerror=…>` through as HTML, while an entity
 *   renders as the character everywhere. `&` becomes `&amp;` where it could
 *   start an entity, so typed `&lt;` also shows as typed.
 */

/** Anything escapeMarkdown would change besides trimming; most sticky text has none of it. */
const markdownActive = /[\r\n\v\f\u0085\u2028\u2029\\`*_{}[\]#|~&<>]|^\s*([-+]|\d+[.)])/

export function escapeMarkdown(text: string): string {
  if (!markdownActive.test(text)) return text.trim()
  return text
    .replace(/\r\n?|[\n\v\f\u0085\u2028\u2029]/g, ' ')
    .trim()
    .replace(/([\\`*_{}[\]#|~])/g, '\\$1')
    .replace(/&(?=[A-Za-z0-9#])/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^([-+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}

/**
 * A URL as a Markdown link destination: parentheses, angle brackets and
 * spaces are percent-encoded so nothing in it (a cluster id is client-chosen)
 * can close the link early; the encoded URL addresses the same resource.
 */
export function markdownUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (char) =>
    char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char),
  )
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

const list = (label: string, values: string[]): string =>
  values.length === 0 ? '' : `- **${label}:** ${values.map(escapeMarkdown).join(', ')}\n`

function section(item: BacklogItem, baseUrl: string): string {
  const s = item.score
  const lines: string[] = []
  lines.push(`## ${item.rank}. ${escapeMarkdown(item.title)}\n`)
  lines.push(
    `**Score ${s.score}** — value ${s.value} × boost = ${s.weightedValue}, ÷ effort ${s.effort} · ` +
      `${count(s.votes, 'vote')} · ${count(s.evidence, 'pain point')} · ${count(s.authors, 'author')} · ${count(s.phases, 'phase')}\n`,
  )
  lines.push(`${item.reason}\n`)
  lines.push(`- **Item id:** \`${item.itemId}\``)
  lines.push(
    `- **On the board:** [open ${item.kind === 'cluster' ? 'cluster' : 'pain point'}](${markdownUrl(`${baseUrl}${item.link}`)})`,
  )
  let extra =
    list('Phases', item.phases) +
    list('Steps', item.steps) +
    list('Systems', item.systems) +
    list('Teams', item.teams)
  if (item.classification.urgency || item.classification.horizon) {
    extra += `- **Classification:** ${[item.classification.urgency, item.classification.horizon].filter(Boolean).join(', ')}\n`
  }
  if (item.estimate) {
    const e = item.estimate
    extra += e.revealed
      ? `- **Group estimate:** value median ${e.valueMedian ?? '–'} (spread ${e.valueSpread ?? '–'}), effort median ${e.effortMedian ?? '–'} (spread ${e.effortSpread ?? '–'}) from ${e.ballots} estimates${e.disagreement ? ' — **wide disagreement, discuss**' : ''}\n`
      : `- **Group estimate:** ${e.ballots} estimates, not revealed yet\n`
  }
  lines.push(extra.trimEnd())
  lines.push('\n### Evidence\n')
  for (const e of item.evidence) {
    const who = `${escapeMarkdown(e.authorName ?? 'unknown')}, ${escapeMarkdown(e.phaseName ?? 'off the timeline')}`
    lines.push(
      `> ${escapeMarkdown(e.text) || '_(empty sticky)_'} — ${who}${e.needsDeepDive ? ' · needs deep-dive' : ''}`,
    )
    lines.push('')
  }
  const notes = item.evidence.filter((e) => e.context.trim() !== '')
  if (notes.length > 0) {
    lines.push('### Deep-dive notes\n')
    for (const e of notes)
      lines.push(`- **${escapeMarkdown(e.text) || 'sticky'}:** ${escapeMarkdown(e.context)}`)
    lines.push('')
  }
  return lines.join('\n')
}

/** The pain points nobody ranked yet: one line each, with its deep-dive note under it. */
function unrankedSection(points: UnrankedPainPoint[], baseUrl: string): string {
  const lines = [
    '## Not voted yet\n',
    'Pain points in no cluster, without votes or an assessment: not ranked yet. ' +
      'Put them in a cluster or vote for them to rank them.\n',
  ]
  for (const point of points) {
    const e = point.evidence
    const who = `${escapeMarkdown(e.authorName ?? 'unknown')}, ${escapeMarkdown(e.phaseName ?? 'off the timeline')}`
    lines.push(
      `- ${escapeMarkdown(e.text) || '_(empty sticky)_'} — ${who}${e.needsDeepDive ? ' · needs deep-dive' : ''} · ` +
        `[open pain point](${markdownUrl(`${baseUrl}${point.link}`)}) · \`${point.itemId}\``,
    )
    if (e.context.trim() !== '') lines.push(`  - **Deep-dive note:** ${escapeMarkdown(e.context)}`)
  }
  return `${lines.join('\n')}\n`
}

/** `boardPath`: the board page, with the viewer token when the export shares read-only access. */
export function backlogToMarkdown(
  backlog: Backlog,
  baseUrl: string,
  boardPath = `/b/${backlog.board.id}`,
): string {
  const header = [
    `# Discovery backlog — ${escapeMarkdown(backlog.board.name)}\n`,
    `Ranked by value for effort: score = value × (1 + ${scoringWeights.votes}·ln(1+votes) + ${scoringWeights.evidence}·ln(1+pain points) + ${scoringWeights.authors}·(authors−1) + ${scoringWeights.phases}·(phases−1)) ÷ effort. ` +
      `Value and effort are 1–5 (3 until assessed). [Open the board](${markdownUrl(`${baseUrl}${boardPath}`)}).\n`,
  ]
  if (backlog.items.length === 0) header.push('_No clusters or voted pain points yet._\n')
  const sections = backlog.items.map((item) => section(item, baseUrl))
  if (backlog.unranked.length > 0) sections.push(unrankedSection(backlog.unranked, baseUrl))
  return `${[...header, ...sections].join('\n').trimEnd()}\n`
}
