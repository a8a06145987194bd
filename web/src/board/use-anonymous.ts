import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { useSessionMapValue } from '../backlog/use-session-value.ts'
import { useBoardUi } from './board-context.ts'

/** Whether the board runs in anonymous mode (set by the facilitator, in the session map). */
export function useAnonymous(): boolean {
  const { doc } = useBoardUi().connection
  return readAnonymous(useSessionMapValue(doc, sessionKeys.anonymous))
}
