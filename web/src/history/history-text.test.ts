import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client.ts'
import { historyErrorText, restoredText, restoreQuestion, viewTitle } from './history-text.ts'

describe('what the history says', () => {
  it('names the checkpoint in the question, the outcome and the view', () => {
    expect(restoreQuestion('Before clustering')).toBe(
      'Restore the board to ‘Before clustering’? Everyone sees the change; you can undo it.',
    )
    expect(restoredText('Before clustering')).toBe('Board restored to ‘Before clustering’.')
    expect(viewTitle('Before clustering')).toBe('Checkpoint ‘Before clustering’ — read-only')
  })

  it('passes on what the server said about a refusal', () => {
    const refusal = new ApiError(400, 'invalid_name', 'A checkpoint needs a name.')
    expect(historyErrorText(refusal)).toBe('A checkpoint needs a name.')
    const conflict = new ApiError(409, 'already_undone', 'This restore was undone already.')
    expect(historyErrorText(conflict)).toBe('This restore was undone already.')
  })

  it('explains a refusal the server sent without a message', () => {
    expect(historyErrorText(new ApiError(403, 'http_error', 'x answered 403'))).toMatch(/role/)
    expect(historyErrorText(new ApiError(404, 'http_error', 'x answered 404'))).toMatch(
      /no longer exists/,
    )
    expect(historyErrorText(new ApiError(409, 'http_error', 'x answered 409'))).toMatch(
      /cannot be done/,
    )
    expect(historyErrorText(new ApiError(502, 'http_error', 'x answered 502'))).toMatch(/502/)
    expect(historyErrorText(new TypeError('Failed to fetch'))).toMatch(/could not be reached/)
  })
})
