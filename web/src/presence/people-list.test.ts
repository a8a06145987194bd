import { describe, expect, it } from 'vitest'
import {
  grantAction,
  idleAfterMs,
  idleLabel,
  type PeerSighting,
  type PeopleInput,
  peopleOnBoard,
  readAwarenessPeer,
} from './people-list.ts'

const now = 10_000_000
const minute = 60_000

function peer(clientId: number, name: string, extra: Partial<PeerSighting> = {}): PeerSighting {
  return {
    clientId,
    userId: `user:${name.toLowerCase()}`,
    name,
    colour: '#1c6dd0',
    role: 'participant',
    memberId: null,
    coFacilitator: false,
    lastActiveAt: now,
    ...extra,
  }
}

const memberOf = (name: string): string => name.toLowerCase().padEnd(22, '0')

function input(extra: Partial<PeopleInput> = {}): PeopleInput {
  return {
    self: {
      clientId: 1,
      userId: 'user:fay',
      memberId: null,
      coFacilitator: false,
      name: 'Fay',
      colour: '#d02b2b',
      role: 'facilitator',
    },
    peers: [],
    authorIds: new Set(),
    anonymous: false,
    now,
    ...extra,
  }
}

describe('readAwarenessPeer', () => {
  it('reads who a peer is from the state the server relayed', () => {
    expect(
      readAwarenessPeer(7, {
        user: { id: 'user:ada', name: '  Ada \n Lovelace ', color: '#2B7A3B' },
        role: 'viewer',
        presence: { cursor: { x: 1, y: 2 } },
      }),
    ).toEqual({
      clientId: 7,
      userId: 'user:ada',
      name: 'Ada Lovelace',
      colour: '#2b7a3b',
      role: 'viewer',
      memberId: null,
      coFacilitator: false,
    })
  })

  it('reads the member the server stamped, and a co-facilitator only with the facilitator role', () => {
    const memberId = memberOf('ada')
    const user = { id: 'user:ada', name: 'Ada' }
    expect(
      readAwarenessPeer(7, { user, role: 'facilitator', memberId, coFacilitator: true }),
    ).toMatchObject({ memberId, role: 'facilitator', coFacilitator: true })
    // A participant's page claiming the title gets nothing from it.
    expect(
      readAwarenessPeer(7, { user, role: 'participant', memberId, coFacilitator: true }),
    ).toMatchObject({ role: 'participant', coFacilitator: false })
    expect(readAwarenessPeer(7, { user, memberId: 'not a member id' })?.memberId).toBeNull()
  })

  it('waits for a peer that has not said who they are, and tolerates junk', () => {
    expect(readAwarenessPeer(7, {})).toBeNull()
    expect(readAwarenessPeer(7, null)).toBeNull()
    expect(readAwarenessPeer(7, { user: { name: 'No id' } })).toBeNull()
    expect(
      readAwarenessPeer(7, {
        user: { id: 'user:x', name: 42, color: 'red; background: url(x)' },
        role: 'admin',
        presence: { color: '#9c36b5' },
      }),
    ).toEqual({
      clientId: 7,
      userId: 'user:x',
      name: 'Anonymous',
      colour: '#9c36b5',
      role: null,
      memberId: null,
      coFacilitator: false,
    })
    expect(
      readAwarenessPeer(7, { user: { id: 'user:x', name: 'x'.repeat(90) } })?.name,
    ).toHaveLength(40)
  })
})

describe('peopleOnBoard', () => {
  it('lists everyone connected, idle people as idle rather than gone', () => {
    const result = peopleOnBoard(
      input({
        peers: [
          peer(2, 'Ada'),
          peer(3, 'Bo', { lastActiveAt: now - 75_000 }),
          peer(4, 'Cy', { role: 'viewer', lastActiveAt: now - 30 * minute }),
        ],
      }),
    )
    expect(result.count).toBe(4)
    expect(result.viewers).toBe(1)
    expect(result.people.map((p) => [p.name, p.role, p.idleForMs])).toEqual([
      ['Fay', 'facilitator', null],
      ['Ada', 'participant', null],
      ['Bo', 'participant', 75_000],
      ['Cy', 'viewer', 30 * minute],
    ])
    expect(result.people[0]?.isSelf).toBe(true)
  })

  it('turns idle only after a full minute without activity', () => {
    const at = (quiet: number) =>
      peopleOnBoard(input({ peers: [peer(2, 'Ada', { lastActiveAt: now - quiet })] })).people[1]
        ?.idleForMs
    expect(at(idleAfterMs)).toBeNull()
    expect(at(idleAfterMs + 1)).toBe(idleAfterMs + 1)
    // A peer whose activity cannot be told (no valid presence) is not called idle.
    expect(
      peopleOnBoard(input({ peers: [peer(2, 'Ada', { lastActiveAt: null })] })).people[1]
        ?.idleForMs,
    ).toBeNull()
  })

  it('names the participants who have not added a sticky yet', () => {
    const result = peopleOnBoard(
      input({
        self: {
          clientId: 1,
          userId: 'user:pia',
          memberId: null,
          coFacilitator: false,
          name: 'Pia',
          colour: '#d02b2b',
          role: 'participant',
        },
        peers: [
          peer(2, 'Ada'),
          peer(3, 'Bo'),
          peer(4, 'Cy', { role: 'viewer' }),
          peer(5, 'Fay', { role: 'facilitator' }),
        ],
        // Sticky meta records the participant id, without tldraw's `user:` prefix.
        authorIds: new Set(['ada']),
      }),
    )
    expect(result.notAdded).toEqual({ count: 2, names: ['Pia (you)', 'Bo'] })
    expect(result.people.find((p) => p.name === 'Ada')?.hasAdded).toBe(true)
  })

  it("gives only the server's count on an anonymous board, and nothing without it", () => {
    const peers = [peer(2, 'Ada'), peer(3, 'Bo')]
    // Stickies there carry no author; the facilitator's page has the server's count.
    const counted = peopleOnBoard(input({ peers, anonymous: true, presentWithoutStickies: 2 }))
    expect(counted.notAdded).toEqual({ count: 2, names: null })
    // A participant's page (or the count still loading) cannot tell.
    expect(peopleOnBoard(input({ peers, anonymous: true })).notAdded).toEqual({
      count: null,
      names: null,
    })
  })

  it('keys people by the member the server stamped, not by what their page calls itself', () => {
    const fay = memberOf('fay')
    const ada = memberOf('ada')
    const result = peopleOnBoard(
      input({
        self: { ...input().self, memberId: fay },
        peers: [
          // Two tabs of Ada: one person.
          peer(2, 'Ada', { memberId: ada }),
          peer(3, 'Ada', { memberId: ada }),
          // Someone else whose page claims Ada's tldraw user id: still someone else.
          peer(4, 'Mallory', { userId: 'user:ada', memberId: memberOf('mal') }),
          // This page's member in another tab, whatever its user id.
          peer(5, 'Fay', { userId: 'user:other', memberId: fay, role: 'facilitator' }),
        ],
        authorIds: new Set([ada]),
      }),
    )
    expect(result.count).toBe(3)
    expect(result.people.map((p) => [p.name, p.memberId, p.hasAdded])).toEqual([
      ['Fay', fay, false],
      ['Ada', ada, true],
      ['Mallory', memberOf('mal'), false],
    ])
  })

  it("counts a person's tabs once: highest role, latest activity", () => {
    const result = peopleOnBoard(
      input({
        peers: [
          peer(9, 'Ada', { role: 'viewer', lastActiveAt: now - 10 * minute, colour: '#2b7a3b' }),
          peer(3, 'Ada', {
            role: 'participant',
            lastActiveAt: now - 2 * minute,
            colour: '#9c36b5',
          }),
          // This page's person in another tab.
          peer(4, 'Fay', { userId: 'user:fay', role: 'facilitator' }),
        ],
      }),
    )
    expect(result.count).toBe(2)
    expect(result.people[1]).toMatchObject({
      name: 'Ada',
      role: 'participant',
      colour: '#9c36b5',
      idleForMs: 2 * minute,
    })
  })

  it('takes a peer without a role (an older server) as a participant', () => {
    const result = peopleOnBoard(input({ peers: [peer(2, 'Ada', { role: null })] }))
    expect(result.people[1]?.role).toBe('participant')
    expect(result.notAdded.names).toEqual(['Ada'])
  })

  it('sorts facilitators, participants and viewers, each by name', () => {
    const result = peopleOnBoard(
      input({
        peers: [
          peer(2, 'zoe', { role: 'viewer' }),
          peer(3, 'bo'),
          peer(4, 'Al'),
          peer(5, 'Gil', { role: 'facilitator' }),
        ],
      }),
    )
    expect(result.people.map((p) => p.name)).toEqual(['Fay', 'Gil', 'Al', 'bo', 'zoe'])
  })
})

describe('grantAction', () => {
  const person = (extra: Partial<Parameters<typeof grantAction>[0]>) => ({
    userId: 'user:ada',
    memberId: memberOf('ada'),
    coFacilitator: false,
    name: 'Ada',
    colour: '#2b7a3b',
    role: 'participant' as const,
    isSelf: false,
    idleForMs: null,
    hasAdded: false,
    ...extra,
  })

  it('lets the facilitator promote a participant and demote a co-facilitator', () => {
    expect(grantAction(person({}), 'facilitator')).toBe('promote')
    expect(grantAction(person({ role: 'facilitator', coFacilitator: true }), 'facilitator')).toBe(
      'demote',
    )
  })

  it('offers nothing to anyone else, nor about the facilitator, viewers, oneself or the unknown', () => {
    expect(grantAction(person({}), 'participant')).toBeNull()
    expect(grantAction(person({ role: 'facilitator' }), 'facilitator')).toBeNull()
    expect(grantAction(person({ role: 'viewer' }), 'facilitator')).toBeNull()
    expect(grantAction(person({ isSelf: true }), 'facilitator')).toBeNull()
    expect(grantAction(person({ memberId: null }), 'facilitator')).toBeNull()
  })
})

describe('idleLabel', () => {
  it('says how long in minutes, then hours', () => {
    expect(idleLabel(61_000)).toBe('idle 1 min')
    expect(idleLabel(2 * minute + 59_000)).toBe('idle 2 min')
    expect(idleLabel(60 * minute)).toBe('idle 1 h')
    expect(idleLabel(65 * minute)).toBe('idle 1 h 5 min')
  })
})
