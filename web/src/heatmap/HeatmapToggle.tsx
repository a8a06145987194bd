import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { useValue } from 'tldraw'
import { useSessionMapValue } from '../backlog/use-session-value.ts'
import { useBoardUi } from '../board/board-context.ts'
import { heatmapSetting, setHeatmap } from './heatmap-setting.ts'
import './heatmap.css'

/**
 * The cockpit's switch for the pain heat-map (PainHeatmap.tsx): on this screen only, the board
 * itself does not change.
 */
export function HeatmapToggle() {
  const on = useValue('heat-map on', () => heatmapSetting().get(), [])
  const { doc } = useBoardUi().connection
  const status = readVoteSession(useSessionMapValue(doc, voteSessionKey)).status
  return (
    <div className="stormline-heatmap-toggle">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        className="stormline-heatmap-toggle__switch"
        data-testid="heatmap-toggle"
        onClick={() => setHeatmap(!on)}
      >
        <span className="stormline-heatmap-toggle__track" aria-hidden="true">
          <span className="stormline-heatmap-toggle__thumb" />
        </span>
        Pain heat-map
      </button>
      <p className="stormline-heatmap-toggle__hint">
        Shades each phase by its pain points and votes, with counts on the steps. Only on your
        screen.
        {status === 'open' && ' While the vote is open it counts only your own dots.'}
      </p>
    </div>
  )
}
