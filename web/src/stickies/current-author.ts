import { anonymousName, participantSignal } from '../participant/participant-store.ts'
import type { Author } from './sticky-stamp.ts'

/** The local participant as the author of the stickies they make, read at the moment of making. */
export function currentAuthor(): Author {
  const { id, name } = participantSignal().get()
  return { id, name: name ?? anonymousName }
}
