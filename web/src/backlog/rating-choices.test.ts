import { describe, expect, it } from 'vitest'
import {
  effortChoices,
  effortLabel,
  effortScaleHint,
  formatRating,
  parseRatingChoice,
  ratingChoiceValue,
} from './rating-choices.ts'

describe('rating choices', () => {
  it('reads points and T-shirt sizes onto one 1–5 scale', () => {
    expect(parseRatingChoice('1')).toBe(1)
    expect(parseRatingChoice('5')).toBe(5)
    expect(parseRatingChoice('S')).toBe(1)
    expect(parseRatingChoice('M')).toBe(2)
    expect(parseRatingChoice('L')).toBe(3)
    expect(parseRatingChoice('XL')).toBe(5)
  })

  it('treats an empty or unknown choice as not set', () => {
    expect(parseRatingChoice('')).toBeNull()
    expect(parseRatingChoice('0')).toBeNull()
    expect(parseRatingChoice('6')).toBeNull()
    expect(parseRatingChoice('2.5')).toBeNull()
    expect(parseRatingChoice('XXL')).toBeNull()
    expect(parseRatingChoice('toString')).toBeNull()
  })

  it('round-trips a stored rating through the picker', () => {
    expect(ratingChoiceValue(null)).toBe('')
    expect(parseRatingChoice(ratingChoiceValue(4))).toBe(4)
  })

  it('labels efforts with their size where one exists', () => {
    expect(effortLabel(1)).toBe('1 (S)')
    expect(effortLabel(2)).toBe('2 (M)')
    expect(effortLabel(3)).toBe('3 (L)')
    expect(effortLabel(4)).toBe('4')
    expect(effortLabel(5)).toBe('5 (XL)')
    expect(effortLabel(null)).toBe('–')
  })

  it('shows half medians with one decimal', () => {
    expect(formatRating(2.5)).toBe('2.5')
    expect(formatRating(3)).toBe('3')
    expect(formatRating(null)).toBe('–')
  })
})

describe('effort choices', () => {
  it('offers each size once, valued as the number it is stored as', () => {
    const choices = effortChoices(null)
    expect(choices.map((c) => c.label)).toEqual(['S', 'M', 'L', 'XL'])
    expect(choices.map((c) => c.value)).toEqual(['1', '2', '3', '5'])
    expect(choices[3]?.hint).toBe('XL counts as 5 in the score')
    expect(effortChoices(2)).toEqual(choices)
  })

  it('reads back what the picker writes for every size', () => {
    for (const choice of effortChoices(null)) {
      const stored = parseRatingChoice(choice.value)
      expect(ratingChoiceValue(stored)).toBe(choice.value)
    }
  })

  it('keeps a stored effort no size stands for, in its place, while it is current', () => {
    expect(effortChoices(4).map((c) => c.label)).toEqual(['S', 'M', 'L', '4 (no size)', 'XL'])
    expect(effortChoices(4).map((c) => c.value)).toEqual(['1', '2', '3', '4', '5'])
  })

  it('says what each size counts as in one hint', () => {
    expect(effortScaleHint).toBe('Effort size: S = 1, M = 2, L = 3, XL = 5 in the score')
  })
})
