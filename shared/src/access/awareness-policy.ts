/**
 * Presence (y-protocols awareness) is free-form JSON each client sets for itself, relayed by the
 * server. One field in it is a facilitator action: the summon ("bring everyone to me"), which
 * moves every other participant's view. The server strips it from everyone else's states.
 */
export const summonAwarenessField = 'summon'

/** The awareness state as the server relays it for a peer that is not the facilitator. */
export function withoutFacilitatorFields(state: unknown): unknown {
  if (typeof state !== 'object' || state === null || !(summonAwarenessField in state)) return state
  const { [summonAwarenessField]: _dropped, ...rest } = state as Record<string, unknown>
  return rest
}
