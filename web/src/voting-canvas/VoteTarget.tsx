import {
  type CSSProperties,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  useRef,
} from 'react'
import { canvasTargetText, removeDotLabel } from './canvas-voting.ts'
import type { CanvasVoting } from './use-canvas-voting.ts'
import { useVoteKeys } from './use-vote-keys.ts'
import './voting-canvas.css'

// The board would start a selection brush, a drag or its own context menu from these.
const stop = (event: PointerEvent | MouseEvent): void => event.stopPropagation()

interface VoteTargetProps {
  targetId: string
  /** The target's name, for screen readers and tooltips. */
  name: string
  voting: CanvasVoting
  className: string
  style: CSSProperties
  /** Outlines the target (the cluster the bar is editing). */
  active?: boolean
  children: ReactNode
}

/**
 * Something on the canvas that takes dots: a cluster label or an unclustered pain point. Its
 * buttons give a dot; right-click anywhere on it, Delete, Backspace or − take one back. It
 * carries my dots on it (data-my-dots) and, once the vote is closed, the total (data-total).
 */
export function VoteTarget(props: VoteTargetProps) {
  const { targetId, name, voting, children } = props
  const ref = useRef<HTMLFieldSetElement>(null)
  useVoteKeys(
    ref,
    voting.canVote ? (action) => voting.cast(targetId, action === 'add' ? 1 : -1) : null,
  )
  const mine = voting.view.mine.get(targetId) ?? 0
  const total = voting.view.totals?.get(targetId) ?? 0
  const onContextMenu = (event: MouseEvent): void => {
    // Right-click takes a dot back instead of opening the board's menu.
    event.preventDefault()
    event.stopPropagation()
    if (voting.canVote) voting.cast(targetId, -1)
  }
  return (
    // A fieldset: the group of buttons for one target, named after it for screen readers.
    <fieldset
      ref={ref}
      aria-label={`Dots for “${name}”`}
      className={`stormline-vote-target ${props.className}`}
      style={props.style}
      data-testid="canvas-vote-target"
      data-target-id={targetId}
      data-my-dots={mine}
      data-total={voting.view.status === 'closed' ? total : undefined}
      data-voting={voting.canVote}
      data-active={props.active}
      onPointerDown={stop}
      onPointerUp={stop}
      onContextMenu={onContextMenu}
    >
      {children}
    </fieldset>
  )
}

/**
 * My dots on a target, its count as I may see it, and the visible "−" that takes one back.
 * Compact (on a sticky, where room is short): my dots as "● 2", the words for screen readers.
 */
export function DotRow({
  targetId,
  name,
  voting,
  compact = false,
}: {
  targetId: string
  name: string
  voting: CanvasVoting
  compact?: boolean
}) {
  const mine = voting.view.mine.get(targetId) ?? 0
  const text = canvasTargetText(voting.view, targetId)
  if (text === null) return null
  // Compact after the vote: the words alone ("3 votes (2 yours)") say it all.
  const glance = compact
    ? mine > 0 && voting.canVote
      ? `● ${mine}`
      : ''
    : '●'.repeat(Math.min(mine, 10))
  const wordsHidden = compact && voting.canVote
  return (
    <span className="stormline-canvas-dots">
      {/* My dots at a glance; the words say the number for screen readers. */}
      <span className="stormline-canvas-dots__mine" aria-hidden="true">
        {glance}
      </span>
      <span
        className={`stormline-canvas-dots__text${wordsHidden ? ' stormline-visually-hidden' : ''}`}
        data-testid="canvas-vote-count"
      >
        {text}
      </span>
      {voting.canVote && (
        <button
          type="button"
          className="stormline-canvas-dots__remove"
          data-testid="canvas-vote-remove"
          aria-label={removeDotLabel(name)}
          title="Take a dot back (or right-click)"
          disabled={mine === 0}
          onClick={() => voting.cast(targetId, -1)}
        >
          −
        </button>
      )}
    </span>
  )
}
