import { isMemberId, memberAwarenessField } from '@stormline/shared/access/identity'
import { type BoardRole, isBoardRole } from '@stormline/shared/access/roles'
import { readableColour } from './person-palette.ts'

/**
 * Who is on the board, as the facilitator's People section shows it: everyone whose page is
 * connected (awareness), idle or not, with their colour and role, and which participants have
 * not put a sticky on the board yet. Pure: the section feeds it awareness, stickies and a clock.
 * A person is their member (ADR 0013): the id the server stamps into their presence, whatever
 * their page says; several tabs of one member are one person.
 */

/**
 * Awareness field a page sets while its member is a co-facilitator (from its private document's
 * `member` entry), so the People section can say so and offer to take it back. Only believed
 * with the server-stamped facilitator role: a page can claim the title, not the power.
 */
export const coFacilitatorAwarenessField = 'coFacilitator'

/** How long without touching the board before someone shows as idle (tldraw's own "inactive"). */
export const idleAfterMs = 60_000

/** What a peer's awareness state says about them, checked (the state is any JSON a peer sent). */
export interface AwarenessPeer {
  clientId: number
  /** tldraw user id, `user:<participant id>`: the same in every tab of one browser. */
  userId: string
  name: string
  colour: string
  /** Stamped by the server from the peer's link; null from a server that does not stamp it. */
  role: BoardRole | null
  /** Stamped by the server (ADR 0013); null from a server that does not stamp it. */
  memberId: string | null
  /** A facilitator by a grant rather than by their link. */
  coFacilitator: boolean
}

export interface PeerSighting extends AwarenessPeer {
  /** When this page last saw them active, by this page's clock; null when it cannot tell. */
  lastActiveAt: number | null
}

export interface Person {
  userId: string
  /** The member behind them (for granting co-facilitator); null when the server did not say. */
  memberId: string | null
  coFacilitator: boolean
  name: string
  colour: string
  role: BoardRole
  isSelf: boolean
  /** How long they have been idle, once past `idleAfterMs`; null while active (or unknown). */
  idleForMs: number | null
  /** Whether a sticky on the board is theirs. */
  hasAdded: boolean
}

export interface PeopleOnBoard {
  /** This page's person first, then facilitators, participants and viewers, each by name. */
  people: Person[]
  /** Everyone connected, viewers included. */
  count: number
  viewers: number
  /**
   * Participants without a sticky of theirs on the board. Names only on a board that is not
   * anonymous: there, who has written what is exactly what is hidden, and stickies carry no
   * author, so the count is the server's (`presentWithoutStickies`), for the facilitator only;
   * null when this page may not know it.
   */
  notAdded: { count: number | null; names: string[] | null }
}

export interface PeopleInput {
  self: {
    clientId: number
    userId: string
    /** This page's member id (null before the server said). */
    memberId: string | null
    coFacilitator: boolean
    name: string
    colour: string
    role: BoardRole
  }
  peers: readonly PeerSighting[]
  /** Member ids of the authors of the board's stickies. */
  authorIds: ReadonlySet<string>
  anonymous: boolean
  /** On an anonymous board: the server's count of people here without a sticky (facilitator). */
  presentWithoutStickies?: number | null
  now: number
}

/** Longest name shown; matches the limit on names people pick (participant/identity.ts). */
const maxNameLength = 40
const unnamed = 'Anonymous'
/** Neutral, for the rare peer whose colour is unusable; the palette has no grey for this reason. */
const unknownColour = '#495057'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function cleanName(value: unknown): string {
  if (typeof value !== 'string') return unnamed
  const name = value.replace(/\s+/g, ' ').trim().slice(0, maxNameLength).trim()
  return name === '' ? unnamed : name
}

/** Reads a peer's awareness state; null until the peer has said who they are. */
export function readAwarenessPeer(clientId: number, state: unknown): AwarenessPeer | null {
  if (!isObject(state) || !isObject(state.user)) return null
  const { id, name, color } = state.user
  if (typeof id !== 'string' || id === '') return null
  const presence = isObject(state.presence) ? state.presence : {}
  const role = isBoardRole(state.role) ? state.role : null
  const memberId = state[memberAwarenessField]
  return {
    clientId,
    userId: id,
    name: cleanName(name),
    colour: readableColour(color) ?? readableColour(presence.color) ?? unknownColour,
    role,
    memberId: isMemberId(memberId) ? memberId : null,
    coFacilitator: role === 'facilitator' && state[coFacilitatorAwarenessField] === true,
  }
}

/** Who a peer is: their member when the server said, else their tldraw user (older servers). */
function personKey(peer: { userId: string; memberId: string | null }): string {
  return peer.memberId === null ? peer.userId : `member:${peer.memberId}`
}

/** The participant id sticky meta records as author (`authorId`) for a tldraw user id. */
export function participantIdOf(userId: string): string {
  return userId.startsWith('user:') ? userId.slice('user:'.length) : userId
}

const roleOrder: Record<BoardRole, number> = { facilitator: 0, participant: 1, viewer: 2 }

/** Several tabs of one person: the highest role, the latest activity, the earliest tab's look. */
function mergeTabs(tabs: readonly PeerSighting[]): PeerSighting {
  const byClient = [...tabs].sort((a, b) => a.clientId - b.clientId)
  const first = byClient[0] as PeerSighting
  let role = first.role
  let lastActiveAt = first.lastActiveAt
  let coFacilitator = first.coFacilitator
  for (const tab of byClient) {
    if (tab.role !== null && (role === null || roleOrder[tab.role] < roleOrder[role]))
      role = tab.role
    if (tab.lastActiveAt === null) lastActiveAt = null
    else if (lastActiveAt !== null) lastActiveAt = Math.max(lastActiveAt, tab.lastActiveAt)
    coFacilitator ||= tab.coFacilitator
  }
  return { ...first, role, lastActiveAt, coFacilitator: coFacilitator && role === 'facilitator' }
}

function idleFor(lastActiveAt: number | null, now: number): number | null {
  if (lastActiveAt === null) return null
  const quiet = now - lastActiveAt
  return quiet > idleAfterMs ? quiet : null
}

export function peopleOnBoard({
  self,
  peers,
  authorIds,
  anonymous,
  presentWithoutStickies = null,
  now,
}: PeopleInput): PeopleOnBoard {
  const selfKey = personKey(self)
  const tabsByPerson = new Map<string, PeerSighting[]>()
  for (const peer of peers) {
    // Another tab of this page's person is this person, not somebody else.
    if (personKey(peer) === selfKey || peer.clientId === self.clientId) continue
    // An older server stamps no member: then the tldraw user id is all there is.
    if (self.memberId === null && peer.userId === self.userId) continue
    const key = personKey(peer)
    const tabs = tabsByPerson.get(key)
    if (tabs) tabs.push(peer)
    else tabsByPerson.set(key, [peer])
  }
  const hasAdded = (who: { userId: string; memberId: string | null }): boolean =>
    authorIds.has(who.memberId ?? participantIdOf(who.userId))

  const others: Person[] = [...tabsByPerson.values()].map((tabs) => {
    const peer = mergeTabs(tabs)
    return {
      userId: peer.userId,
      memberId: peer.memberId,
      coFacilitator: peer.coFacilitator,
      name: peer.name,
      colour: peer.colour,
      // A server too old to say is one without viewers' presence marked: treat as taking part.
      role: peer.role ?? 'participant',
      isSelf: false,
      idleForMs: idleFor(peer.lastActiveAt, now),
      hasAdded: hasAdded(peer),
    }
  })
  others.sort(
    (a, b) =>
      roleOrder[a.role] - roleOrder[b.role] ||
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  )
  const me: Person = {
    userId: self.userId,
    memberId: self.memberId,
    coFacilitator: self.coFacilitator && self.role === 'facilitator',
    name: cleanName(self.name),
    colour: self.colour,
    role: self.role,
    isSelf: true,
    idleForMs: null,
    hasAdded: hasAdded(self),
  }
  const people = [me, ...others]
  const notAdded = people.filter((p) => p.role === 'participant' && !p.hasAdded)
  return {
    people,
    count: people.length,
    viewers: people.filter((p) => p.role === 'viewer').length,
    notAdded: anonymous
      ? // Stickies carry no author there: only the server can tell, and only the facilitator.
        { count: presentWithoutStickies, names: null }
      : {
          count: notAdded.length,
          names: notAdded.map((p) => (p.isSelf ? `${p.name} (you)` : p.name)),
        },
  }
}

/** What the facilitator may do about a person's standing: nothing, promote or demote. */
export function grantAction(person: Person, viewerRole: BoardRole): 'promote' | 'demote' | null {
  if (viewerRole !== 'facilitator' || person.isSelf || person.memberId === null) return null
  if (person.role === 'participant') return 'promote'
  if (person.role === 'facilitator' && person.coFacilitator) return 'demote'
  return null
}

/** "idle 2 min", "idle 1 h 5 min": how long someone has not touched the board. */
export function idleLabel(idleForMs: number): string {
  const minutes = Math.max(1, Math.floor(idleForMs / 60_000))
  if (minutes < 60) return `idle ${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? `idle ${hours} h` : `idle ${hours} h ${rest} min`
}
