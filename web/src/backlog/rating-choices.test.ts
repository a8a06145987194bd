import { describe, expect, it } from 'vitest'
import {
  effortLabel,
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
