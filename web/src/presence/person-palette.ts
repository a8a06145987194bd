/**
 * The colours that tell people apart on a board: cursors, name tags, selections, the people list.
 *
 * Every colour carries white text at WCAG AA (≥ 4.5:1), since tldraw writes names in white on
 * them. They are ordered so that the first ones handed out are the furthest apart: the first
 * nine are at least 0.098 apart in OKLab, all twelve at least 0.077 (the test measures both).
 * No grey: a grey person looks idle or disabled.
 */
export const personPalette: readonly string[] = [
  '#1c6dd0', // blue
  '#d02b2b', // red
  '#2b7a3b', // green
  '#9c36b5', // purple
  '#b35900', // orange
  '#0b7285', // teal
  '#c2257a', // pink
  '#7a5230', // brown
  '#4c3fc4', // indigo
  '#6b6b00', // olive
  '#1e3a6a', // navy
  '#7d1f3d', // maroon
]

const hexColour = /^#[0-9a-f]{6}$/i

/** A colour a peer advertised, if it is one we can safely put into a style attribute. */
export function readableColour(value: unknown): string | null {
  return typeof value === 'string' && hexColour.test(value) ? value.toLowerCase() : null
}
