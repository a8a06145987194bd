import type { TimerState } from '@stormline/shared/board/session'
import { useCallback } from 'react'
import { useBoardUi } from '../board/board-context.ts'
import { useIsFacilitator } from './facilitator-role.ts'
import { SessionTimer } from './SessionTimer.tsx'
import { StepGuide } from './StepGuide.tsx'
import { SummonButton } from './SummonButton.tsx'
import { updateTimer, useSessionState, writeStep } from './session-state.ts'
import './facilitation.css'

/**
 * The cockpit's Session section: the workshop step and the shared countdown for everyone; the
 * facilitator steers both and can bring everyone to their view.
 */
export function SessionControls() {
  const { connection } = useBoardUi()
  const { doc, provider } = connection
  const facilitator = useIsFacilitator()
  const { step, timer } = useSessionState(doc)

  const changeStep = useCallback((next: number) => writeStep(doc, next), [doc])
  const changeTimer = useCallback(
    (update: (timer: TimerState | null) => TimerState | null) => updateTimer(doc, update),
    [doc],
  )

  return (
    <div className="stormline-facilitation" data-testid="facilitation-panel">
      <StepGuide step={step} onChangeStep={facilitator ? changeStep : undefined} />
      <SessionTimer timer={timer} onUpdate={facilitator ? changeTimer : undefined} />
      {facilitator && <SummonButton awareness={provider.awareness} />}
    </div>
  )
}
