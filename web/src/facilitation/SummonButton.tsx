import {
  TldrawUiButton,
  TldrawUiButtonIcon,
  TldrawUiButtonLabel,
  useEditor,
  useToasts,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { summonEveryone } from './summon.ts'

/** Facilitator only: moves every participant's view to what the facilitator is looking at. */
export function SummonButton({ awareness }: { awareness: Awareness }) {
  const editor = useEditor()
  const { addToast } = useToasts()
  return (
    <TldrawUiButton
      type="normal"
      className="stormline-summon"
      data-testid="summon-all"
      // The accessible name starts with the visible words (WCAG 2.5.3), then says what it does.
      title="Bring everyone to me: moves everyone's view to what you see"
      onClick={() => {
        summonEveryone(editor, awareness)
        // A fixed id: clicking again replaces the note instead of stacking another.
        addToast({
          id: 'stormline-summon-sent',
          title: 'Sent everyone to your view',
          severity: 'success',
        })
      }}
    >
      <TldrawUiButtonIcon icon="leading" small />
      <TldrawUiButtonLabel>Bring everyone to me</TldrawUiButtonLabel>
    </TldrawUiButton>
  )
}
