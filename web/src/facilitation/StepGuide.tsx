import { lastStep, workshopSteps } from '@stormline/shared/board/session'
import { useState } from 'react'
import { TldrawUiButton, TldrawUiButtonIcon } from 'tldraw'
import { canGoBack, canGoForward, stepBy } from './step-navigation.ts'

interface StepGuideProps {
  step: number
  /** Present only for the facilitator: participants follow, they do not steer. */
  onChangeStep?: (step: number) => void
}

/** Where the workshop is, for everyone; the facilitator moves it along. */
export function StepGuide({ step, onChangeStep }: StepGuideProps) {
  const [expanded, setExpanded] = useState(false)
  const current = workshopSteps[step - 1]
  return (
    <section className="stormline-step-guide" data-testid="step-guide" aria-label="Workshop step">
      <div className="stormline-step-guide__header">
        {onChangeStep && (
          <TldrawUiButton
            type="icon"
            data-testid="step-prev"
            title="Previous step"
            disabled={!canGoBack(step)}
            onClick={() => onChangeStep(stepBy(step, -1))}
          >
            <TldrawUiButtonIcon icon="chevron-left" small />
          </TldrawUiButton>
        )}
        <button
          type="button"
          className="stormline-step-guide__toggle"
          data-testid="step-guide-toggle"
          aria-expanded={expanded}
          title={expanded ? 'Hide the steps' : 'Show all steps'}
          onClick={() => setExpanded((open) => !open)}
        >
          {/* One text for tests and screen readers; styled as a small label over the title. */}
          <span
            className="stormline-step-guide__heading"
            data-testid="current-step"
            data-step={step}
          >
            <span className="stormline-step-guide__number">
              Step {step} of {lastStep}
            </span>
            <span className="stormline-step-guide__dash"> — </span>
            <span className="stormline-step-guide__title">{current?.title}</span>
          </span>
          <TldrawUiButtonIcon icon={expanded ? 'chevron-up' : 'chevron-down'} small />
        </button>
        {onChangeStep && (
          <TldrawUiButton
            type="icon"
            data-testid="step-next"
            title="Next step"
            disabled={!canGoForward(step)}
            onClick={() => onChangeStep(stepBy(step, 1))}
          >
            <TldrawUiButtonIcon icon="chevron-right" small />
          </TldrawUiButton>
        )}
      </div>
      <p className="stormline-step-guide__instruction" data-testid="step-instruction">
        {current?.instruction}
      </p>
      {expanded && (
        <ol className="stormline-step-guide__list" data-testid="step-list">
          {workshopSteps.map(({ number, title }) => (
            <li key={number} aria-current={number === step ? 'step' : undefined}>
              {onChangeStep ? (
                <button
                  type="button"
                  data-testid={`step-item-${number}`}
                  onClick={() => onChangeStep(number)}
                >
                  {number}. {title}
                </button>
              ) : (
                <span data-testid={`step-item-${number}`}>
                  {number}. {title}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
