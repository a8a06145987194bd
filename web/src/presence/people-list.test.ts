import { describe, expect, it } from 'vitest'
import {
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
    lastActiveAt: now,
    ...extra,
  }
}

function input(extra: Partial<PeopleInput> = {}): PeopleInput {
  return {
    self: { clientId: 1, userId: 'user:fay', name: 'Fay', colour: '#d02b2b', role: 'facilitator' },
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
    })
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
    ).toEqual({ clientId: 7, userId: 'user:x', name: 'Anonymous', colour: '#9c36b5', role: null })
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

  it('gives only a count on an anonymous board', () => {
    const result = peopleOnBoard(
      input({
        peers: [peer(2, 'Ada'), peer(3, 'Bo')],
        authorIds: new Set(['ada']),
        anonymous: true,
      }),
    )
    expect(result.notAdded).toEqual({ count: 1, names: null })
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

describe('idleLabel', () => {
  it('says how long in minutes, then hours', () => {
    expect(idleLabel(61_000)).toBe('idle 1 min')
    expect(idleLabel(2 * minute + 59_000)).toBe('idle 2 min')
    expect(idleLabel(60 * minute)).toBe('idle 1 h')
    expect(idleLabel(65 * minute)).toBe('idle 1 h 5 min')
  })
})
