import { react, type Signal } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type { PrivateMember } from '../private/private-member.ts'
import { coFacilitatorAwarenessField } from './people-list.ts'

/**
 * Tells the others' People sections that this page's member is a co-facilitator (so the
 * facilitator can take it back), following the server's word in the private document. The
 * field only adds a title: the role next to it is the one the server stamps.
 */
export function publishCoFacilitator(
  awareness: Awareness,
  member: Signal<PrivateMember | null>,
): () => void {
  return react('publish co-facilitator', () => {
    const coFacilitator = member.get()?.coFacilitator === true
    const current = awareness.getLocalState()?.[coFacilitatorAwarenessField] === true
    // setLocalStateField does nothing while the state is null (the page is leaving).
    if (current !== coFacilitator) {
      awareness.setLocalStateField(coFacilitatorAwarenessField, coFacilitator)
    }
  })
}
