import { useEffect } from 'react'
import { useEditor, useToasts } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { measureServerClock } from './server-clock.ts'
import { bindSummons } from './summon.ts'

/**
 * The parts of facilitation every client runs whether or not panels are showing (tldraw's
 * focus mode hides them): obeying "bring everyone to me" and measuring the server clock for
 * the shared timer. Renders nothing; mounted as a child of <Tldraw>.
 */
export function FacilitationSync() {
  const editor = useEditor()
  const { addToast } = useToasts()
  const { connection } = useBoardUi()
  const awareness = connection.provider.awareness

  useEffect(() => {
    void measureServerClock()
  }, [])

  useEffect(
    () =>
      bindSummons(editor, awareness, (name) =>
        addToast({
          id: 'stormline-summoned',
          title: name === null ? 'Moved to the facilitator’s view' : `Moved to ${name}’s view`,
          severity: 'info',
        }),
      ),
    [editor, awareness, addToast],
  )

  return null
}
