import { ApiError } from '../api/client.ts'

/** What the History section says around a restore, in one place so the words stay consistent. */

export function restoreQuestion(name: string): string {
  return `Restore the board to ‘${name}’? Everyone sees the change; you can undo it.`
}

export function restoredText(name: string): string {
  return `Board restored to ‘${name}’.`
}

export function undoneText(): string {
  return 'Restore undone: the board is back as it was before.'
}

export function deleteQuestion(name: string): string {
  return `Delete the checkpoint ‘${name}’? The board itself does not change.`
}

export function deletedText(name: string): string {
  return `Checkpoint ‘${name}’ deleted.`
}

export function savedText(name: string): string {
  return `Checkpoint ‘${name}’ saved.`
}

export function viewTitle(name: string): string {
  return `Checkpoint ‘${name}’ — read-only`
}

/**
 * A failed call, said to the person: the server's own message where it sent one (a bad name, a
 * restore already undone), otherwise what went wrong in plain words.
 */
export function historyErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code !== 'http_error') return error.message
    if (error.status === 403) return 'Your role on this board does not allow that.'
    if (error.status === 404) return 'That checkpoint no longer exists.'
    if (error.status === 409) return 'That cannot be done any more: the history changed meanwhile.'
    return `The server answered ${error.status}. Try again in a moment.`
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  return 'The server could not be reached. Try again in a moment.'
}
