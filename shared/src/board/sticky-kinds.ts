/**
 * The six sticky kinds of a Stormline event-storming session. Each kind owns
 * one tldraw note colour, so a sticky's kind is visible at a glance and can be
 * recovered from its colour when a note was made with tldraw's own note tool.
 */

export const stickyKinds = ['step', 'pain', 'tech', 'time', 'team', 'question'] as const
export type StickyKind = (typeof stickyKinds)[number]

/** tldraw's note colour style names that Stormline uses. */
export type KindColor = 'orange' | 'red' | 'light-blue' | 'yellow' | 'light-green' | 'violet'

export interface StickyKindInfo {
  kind: StickyKind
  label: string
  /** One line for the legend and the palette tooltip. */
  hint: string
  /** tldraw `color` style of the note. */
  color: KindColor
  /** The note fill tldraw 5 draws for that colour in the light theme (legend, exports). */
  fill: string
  /** Key that creates a sticky of this kind at the pointer. */
  shortcut: string
  /** Overlays are associated with the step they sit on or next to. */
  overlay: boolean
}

export const stickyKindInfo: Readonly<Record<StickyKind, StickyKindInfo>> = {
  step: {
    kind: 'step',
    label: 'Step / event',
    hint: 'Something that happens on the way to production',
    color: 'orange',
    fill: '#FAA475',
    shortcut: '1',
    overlay: false,
  },
  pain: {
    kind: 'pain',
    label: 'Pain point',
    hint: 'What hurts, blocks or slows a step down',
    color: 'red',
    fill: '#FC8282',
    shortcut: '2',
    overlay: true,
  },
  tech: {
    kind: 'tech',
    label: 'Technology / system',
    hint: 'A tool, system or platform used in a step',
    color: 'light-blue',
    fill: '#9BC4FD',
    shortcut: '3',
    overlay: true,
  },
  time: {
    kind: 'time',
    label: 'Time taken',
    hint: 'How long a step takes (set the duration in the details)',
    color: 'yellow',
    fill: '#FED49A',
    shortcut: '4',
    overlay: true,
  },
  team: {
    kind: 'team',
    label: 'Team / people',
    hint: 'Who is involved in a step',
    color: 'light-green',
    fill: '#98D08A',
    shortcut: '5',
    overlay: true,
  },
  question: {
    kind: 'question',
    label: 'Question / hotspot',
    hint: 'Something nobody knows yet, or to dig into',
    color: 'violet',
    fill: '#DB91FD',
    shortcut: '6',
    overlay: true,
  },
}

export function isStickyKind(value: unknown): value is StickyKind {
  return typeof value === 'string' && (stickyKinds as readonly string[]).includes(value)
}

/** The kind a note colour stands for, or null for colours no kind uses. */
export function kindFromColor(color: unknown): StickyKind | null {
  for (const kind of stickyKinds) if (stickyKindInfo[kind].color === color) return kind
  return null
}

export function kindFromShortcut(key: string): StickyKind | null {
  for (const kind of stickyKinds) if (stickyKindInfo[kind].shortcut === key) return kind
  return null
}
