/** What the cockpit says about silent writing (SilentWritingControls.tsx). */

/**
 * The status line: everyone reads it while a round is on; outside a round only the facilitator
 * gets a line (what starting one does), and others nothing.
 */
export function silentWritingStatusText(writing: boolean, facilitator: boolean): string | null {
  if (writing) {
    return 'Silent writing: your stickies are visible only to you until the facilitator reveals them'
  }
  return facilitator
    ? 'Silent writing: everyone writes alone first; their stickies appear together when you reveal them'
    : null
}

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`

/** The facilitator's live count; null while the first count is on its way. */
export function draftCountText(counts: { writers: number; drafts: number } | null): string {
  if (counts === null) return 'Counting drafts…'
  if (counts.drafts === 0) return 'No drafts yet'
  return `${plural(counts.writers, 'person has', 'people have')} written ${plural(counts.drafts, 'draft', 'drafts')}`
}
