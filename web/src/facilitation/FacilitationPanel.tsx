import type { TimerState } from '@stormline/shared/board/session'
import { useCallback, useRef } from 'react'
import { DefaultHelperButtons, usePassThroughWheelEvents } from 'tldraw'
import { VoteControls } from '../backlog/VoteControls.tsx'
import { useBoardUi } from '../board/board-context.ts'
import { useIsFacilitator } from './facilitator-role.ts'
import { SessionTimer } from './SessionTimer.tsx'
import { StepGuide } from './StepGuide.tsx'
import { SummonButton } from './SummonButton.tsx'
import { updateTimer, useSessionState, writeStep } from './session-state.ts'
import './facilitation.css'

/**
 * Takes tldraw's helper-buttons slot, top left under the main menu, so the step guide and timer
 * sit where tldraw's own layout leaves room. tldraw's helper buttons (back to content, stop
 * following, ...) still render, just below.
 */
export function FacilitationHelperButtons() {
  return (
    <>
      <FacilitationPanel />
      <DefaultHelperButtons />
    </>
  )
}

function FacilitationPanel() {
  const { connection } = useBoardUi()
  const { doc, provider } = connection
  const facilitator = useIsFacilitator()
  const { step, timer } = useSessionState(doc)
  const ref = useRef<HTMLDivElement>(null)
  // Scrolling over the panel should still pan or zoom the board, as over tldraw's own panels.
  usePassThroughWheelEvents(ref)

  const changeStep = useCallback((next: number) => writeStep(doc, next), [doc])
  const changeTimer = useCallback(
    (update: (timer: TimerState | null) => TimerState | null) => updateTimer(doc, update),
    [doc],
  )

  return (
    <div className="stormline-facilitation" data-testid="facilitation-panel" ref={ref}>
      <StepGuide step={step} onChangeStep={facilitator ? changeStep : undefined} />
      <SessionTimer timer={timer} onUpdate={facilitator ? changeTimer : undefined} />
      <VoteControls doc={doc} facilitator={facilitator} />
      {facilitator && <SummonButton awareness={provider.awareness} />}
    </div>
  )
}
