import { type RefObject, useEffect, useRef } from 'react'
import { voteKeyAction } from './canvas-voting.ts'

/**
 * Keys on a focused vote target. The board's editor listens for keys on its own container and on
 * the page body, both outside React and around our canvas overlay; a React handler would run only
 * after the editor had taken Delete (deleting the selection) or Enter (editing a sticky). So this
 * listens natively on the target and keeps the vote's keys from going further.
 * Without `onVote` (no vote to give), only Enter and Space are kept: they click the button.
 */
export function useVoteKeys(
  ref: RefObject<HTMLElement | null>,
  onVote: ((action: 'add' | 'remove') => void) | null,
): void {
  const latest = useRef(onVote)
  latest.current = onVote
  useEffect(() => {
    const element = ref.current
    if (element === null) return
    const down = (event: KeyboardEvent): void => {
      const action = voteKeyAction(event.key)
      if (action === null || event.ctrlKey || event.metaKey || event.altKey) return
      const vote = latest.current
      if (action !== 'click' && vote === null) return
      event.stopPropagation()
      if (action === 'click' || vote === null) return
      event.preventDefault()
      vote(action)
    }
    const up = (event: KeyboardEvent): void => {
      if (voteKeyAction(event.key) === 'click') event.stopPropagation()
    }
    element.addEventListener('keydown', down)
    element.addEventListener('keyup', up)
    return () => {
      element.removeEventListener('keydown', down)
      element.removeEventListener('keyup', up)
    }
  }, [ref])
}
