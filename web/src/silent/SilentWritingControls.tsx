import { useTally } from '../backlog/use-tally.ts'
import { useBoardUi } from '../board/board-context.ts'
import { useIsFacilitator } from '../facilitation/facilitator-role.ts'
import {
  revealSilentWriting,
  startSilentWriting,
  useSilentWriting,
} from './silent-writing-session.ts'
import { draftCountText, silentWritingStatusText } from './silent-writing-text.ts'
import './silent.css'

/**
 * Silent writing in the cockpit's Session section. While a round is on everyone reads that their
 * new stickies are theirs alone until the reveal; the facilitator starts and reveals rounds and,
 * meanwhile, sees how many people have written how many drafts (never what they wrote).
 */
export function SilentWritingControls() {
  const { connection } = useBoardUi()
  const { doc } = connection
  const facilitator = useIsFacilitator()
  const round = useSilentWriting(doc)
  const writing = round.status === 'writing'
  const tally = useTally(facilitator && writing)
  const status = silentWritingStatusText(writing, facilitator)

  if (status === null) return null
  return (
    <section
      className="stormline-silent"
      aria-label="Silent writing"
      data-testid="silent-writing"
      data-state={round.status}
    >
      <p className="stormline-silent__status" role="status" data-testid="silent-writing-status">
        {status}
      </p>
      {facilitator && writing && (
        <p className="stormline-silent__count" data-testid="silent-writing-count">
          {draftCountText(tally?.silentWriting ?? null)}
        </p>
      )}
      {facilitator && (
        <button
          type="button"
          className={`stormline-button${writing ? ' stormline-button--primary' : ''}`}
          onClick={() => (writing ? revealSilentWriting(doc) : startSilentWriting(doc))}
          data-testid={writing ? 'silent-writing-reveal' : 'silent-writing-start'}
        >
          {writing ? "Reveal everyone's stickies" : 'Start silent writing'}
        </button>
      )}
    </section>
  )
}
