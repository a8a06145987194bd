import { useEffect } from 'react'
import { useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { dotsLeftText } from './canvas-voting.ts'
import { useCanvasVoting } from './use-canvas-voting.ts'
import { voteNotice } from './vote-notice.ts'
import './voting-canvas.css'

/** How long a refused dot's reason stays next to my name. */
const noticeMs = 5000

/**
 * My dots left, next to my name in the top bar, while a vote is open and I may vote; and why a
 * dot given on the canvas was refused.
 */
export function DotsLeft() {
  const { doc } = useBoardUi().connection
  const voting = useCanvasVoting(doc)
  const notice = useValue('vote notice', () => voteNotice.get(), [])
  useEffect(() => {
    if (notice === null) return
    const timeout = setTimeout(() => {
      if (voteNotice.get() === notice) voteNotice.set(null)
    }, noticeMs)
    return () => clearTimeout(timeout)
  }, [notice])
  const text = dotsLeftText(voting.view)
  if (!voting.canVote || text === null) return null
  const { remaining, budget } = voting.view
  return (
    <span className="stormline-dots-left">
      <output
        className="stormline-dots-left__count"
        data-testid="dots-left"
        data-left={remaining}
        title="Your dots left in this vote: click a cluster name or a pain point to give one"
      >
        <span className="stormline-dots-left__dots" aria-hidden="true">
          {'●'.repeat(Math.min(remaining, 10))}
          {'○'.repeat(Math.max(0, Math.min(budget, 10) - Math.min(remaining, 10)))}
        </span>
        {text}
      </output>
      <span className="stormline-dots-left__notice" role="status" data-testid="canvas-vote-message">
        {notice?.text ?? ''}
      </span>
    </span>
  )
}
