import { memberAwarenessField } from './identity.ts'
import type { BoardRole } from './roles.ts'

/**
 * Presence (y-protocols awareness) is free-form JSON each client sets for itself, relayed by the
 * server. One field in it is a facilitator action: the summon ("bring everyone to me"), which
 * moves every other participant's view. The server strips it from everyone else's states.
 */
export const summonAwarenessField = 'summon'

/**
 * The role the server resolved for the socket a state came from. The server writes it into every
 * state it relays, over whatever the client put there, so the people list can mark viewers and
 * the facilitator without anyone being able to pass for someone they are not.
 */
export const roleAwarenessField = 'role'

/** The awareness state as the server relays it for a peer that is not the facilitator. */
export function withoutFacilitatorFields(state: unknown): unknown {
  if (typeof state !== 'object' || state === null || !(summonAwarenessField in state)) return state
  const { [summonAwarenessField]: _dropped, ...rest } = state as Record<string, unknown>
  return rest
}

/**
 * A peer's awareness state as the server relays and keeps it: facilitator-only fields only from
 * the facilitator, and the socket's role and member id (ADR 0013) stamped in, so nobody can pass
 * for another role or another person. A null state (the peer left) stays null.
 */
export function relayedAwarenessState(state: unknown, role: BoardRole, memberId: string): unknown {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state
  const allowed = role === 'facilitator' ? state : withoutFacilitatorFields(state)
  return {
    ...(allowed as Record<string, unknown>),
    [roleAwarenessField]: role,
    [memberAwarenessField]: memberId,
  }
}
