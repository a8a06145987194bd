import { maxCheckpointNameLength } from './history-api.ts'

export type CheckpointNameCheck = { ok: true; name: string } | { ok: false; message: string }

/** C0 and C1 control characters, line and paragraph separators: a name is one plain line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what a name may not hold
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * A checkpoint name as a person typed it: trimmed, 1 to maxCheckpointNameLength characters, no
 * control characters (a name is shown in lists and menus, never as markup).
 */
export function checkCheckpointName(raw: string): CheckpointNameCheck {
  const name = raw.trim()
  if (name === '') return { ok: false, message: 'Give the checkpoint a name.' }
  if ([...name].length > maxCheckpointNameLength) {
    return {
      ok: false,
      message: `A checkpoint name has at most ${maxCheckpointNameLength} characters.`,
    }
  }
  if (controlCharacters.test(name)) {
    return {
      ok: false,
      message: 'A checkpoint name cannot hold control characters or line breaks.',
    }
  }
  return { ok: true, name }
}
