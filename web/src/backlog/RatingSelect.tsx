import {
  effortLabel,
  parseRatingChoice,
  ratingChoiceValue,
  scaleChoices,
  sizeChoices,
} from './rating-choices.ts'

interface RatingSelectProps {
  label: string
  /** Effort can also be picked as a T-shirt size. */
  scale: 'value' | 'effort'
  rating: number | null
  onChange(rating: number | null): void
  testId: string
}

/** A 1–5 picker; for effort, sizes S/M/L/XL too (stored as their points). */
export function RatingSelect({ label, scale, rating, onChange, testId }: RatingSelectProps) {
  return (
    <label className="stormline-rating">
      <span>{label}</span>
      <select
        value={ratingChoiceValue(rating)}
        onChange={(event) => onChange(parseRatingChoice(event.target.value))}
        data-testid={testId}
      >
        <option value="">–</option>
        {scale === 'effort' ? (
          <>
            <optgroup label="Points">
              {scaleChoices.map((n) => (
                <option key={n} value={String(n)}>
                  {effortLabel(n)}
                </option>
              ))}
            </optgroup>
            <optgroup label="Size">
              {sizeChoices.map(({ size, points }) => (
                <option key={size} value={size}>
                  {size} ({points})
                </option>
              ))}
            </optgroup>
          </>
        ) : (
          scaleChoices.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))
        )}
      </select>
    </label>
  )
}
