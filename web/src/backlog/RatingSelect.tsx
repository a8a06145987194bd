import {
  effortChoices,
  effortScaleHint,
  parseRatingChoice,
  ratingChoiceValue,
  scaleChoices,
} from './rating-choices.ts'

interface RatingSelectProps {
  label: string
  /** Effort is picked as a T-shirt size. */
  scale: 'value' | 'effort'
  rating: number | null
  onChange(rating: number | null): void
  testId: string
}

/** A 1–5 picker for value; for effort, the sizes S/M/L/XL, each once (stored as their points). */
export function RatingSelect({ label, scale, rating, onChange, testId }: RatingSelectProps) {
  return (
    <label className="stormline-rating">
      <span>{label}</span>
      <select
        value={ratingChoiceValue(rating)}
        onChange={(event) => onChange(parseRatingChoice(event.target.value))}
        data-testid={testId}
        // The hint is the select's description, so a screen reader reads what sizes count as.
        title={scale === 'effort' ? effortScaleHint : undefined}
      >
        <option value="">–</option>
        {scale === 'effort'
          ? effortChoices(rating).map((choice) => (
              <option key={choice.value} value={choice.value} title={choice.hint}>
                {choice.label}
              </option>
            ))
          : scaleChoices.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
      </select>
    </label>
  )
}
