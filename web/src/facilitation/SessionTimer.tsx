import { pauseTimer, resetTimer, type TimerState } from '@stormline/shared/board/session'
import { TldrawUiButton, TldrawUiButtonLabel } from 'tldraw'
import { serverNow, useServerClockOffset } from './server-clock.ts'
import {
  defaultTimerMinutes,
  displayRemainingMs,
  formatRemaining,
  minutesToMs,
  startOrRestart,
  type TimerPhase,
  timerPhase,
  timerPresetMinutes,
} from './timer-display.ts'
import { useTicking } from './use-ticking.ts'

interface SessionTimerProps {
  timer: TimerState | null
  /** Present only for the facilitator. Receives a pure update of the stored timer. */
  onUpdate?: (update: (timer: TimerState | null) => TimerState | null) => void
}

const unsetTimer: TimerState = {
  durationMs: minutesToMs(defaultTimerMinutes),
  remainingMs: minutesToMs(defaultTimerMinutes),
  startedAt: null,
}

/**
 * The shared countdown. Every client derives the remaining time from the stored start time and
 * its own server-corrected clock; nothing ticks through the document.
 */
export function SessionTimer({ timer, onUpdate }: SessionTimerProps) {
  useServerClockOffset()
  const shown = timer ?? unsetTimer
  const now = serverNow()
  const phase = timerPhase(shown, now)
  const remaining = displayRemainingMs(shown, now)
  useTicking(phase === 'running')

  // Participants see the timer once the facilitator has set one.
  if (timer === null && onUpdate === undefined) return null

  return (
    <section
      className="stormline-timer"
      data-testid="session-timer"
      data-state={phase}
      aria-label="Session timer"
    >
      <div className="stormline-timer__display">
        <span className="stormline-timer__remaining" data-testid="timer-remaining">
          {formatRemaining(remaining)}
        </span>
        {phase === 'finished' ? (
          <output className="stormline-timer__done" data-testid="timer-finished">
            Time's up
          </output>
        ) : (
          <span className="stormline-timer__status">{phaseLabel[phase]}</span>
        )}
      </div>
      {onUpdate && <TimerControls timer={shown} phase={phase} onUpdate={onUpdate} />}
    </section>
  )
}

const phaseLabel: Record<Exclude<TimerPhase, 'finished'>, string> = {
  idle: 'Timer ready',
  running: 'left',
  paused: 'Paused',
}

interface TimerControlsProps {
  timer: TimerState
  phase: TimerPhase
  onUpdate: NonNullable<SessionTimerProps['onUpdate']>
}

function TimerControls({ timer, phase, onUpdate }: TimerControlsProps) {
  const minutes = Math.round(timer.durationMs / 60_000)
  const options = (timerPresetMinutes as readonly number[]).includes(minutes)
    ? timerPresetMinutes
    : [...timerPresetMinutes, minutes].sort((a, b) => a - b)
  return (
    <div className="stormline-timer__controls">
      <select
        className="stormline-timer__duration"
        data-testid="timer-duration"
        aria-label="Timer length in minutes"
        value={minutes}
        onChange={(event) => {
          const durationMs = minutesToMs(Number(event.target.value))
          onUpdate((current) => resetTimer(current ?? unsetTimer, durationMs))
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option} min
          </option>
        ))}
      </select>
      {phase === 'running' ? (
        <TldrawUiButton
          type="normal"
          data-testid="timer-pause"
          onClick={() => onUpdate((current) => current && pauseTimer(current, serverNow()))}
        >
          <TldrawUiButtonLabel>Pause</TldrawUiButtonLabel>
        </TldrawUiButton>
      ) : (
        <TldrawUiButton
          type="primary"
          data-testid="timer-start"
          onClick={() => onUpdate((current) => startOrRestart(current ?? timer, serverNow()))}
        >
          <TldrawUiButtonLabel>{phase === 'paused' ? 'Resume' : 'Start'}</TldrawUiButtonLabel>
        </TldrawUiButton>
      )}
      <TldrawUiButton
        type="normal"
        data-testid="timer-reset"
        disabled={phase === 'idle'}
        onClick={() => onUpdate((current) => current && resetTimer(current))}
      >
        <TldrawUiButtonLabel>Reset</TldrawUiButtonLabel>
      </TldrawUiButton>
    </div>
  )
}
