import { voteResultKey } from '@stormline/shared/backlog/vote-result'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import { recordMap, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { authorReasons } from './author-policy.ts'
import { checkUpdate, type UpdateAuthor } from './update-policy.ts'

const me = 'memberMeAAAAAAAAAAAAAA'
const other = 'memberOtherAAAAAAAAAAA'
const roles = ['participant', 'facilitator'] as const
const as = (role: UpdateAuthor['role'], memberId: string | null = me): UpdateAuthor => ({
  role,
  memberId,
})

/** The board as the server holds it (one sticky by `other` unless told), and a client's copy. */
function board(setup?: (doc: Y.Doc) => void): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc()
  server.getMap(docLayout.meta).set('layoutVersion', 2)
  if (setup) setup(server)
  else writeRecord(server, sticky('shape:theirs', other))
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

/** A sticky by an author (null: without author fields). */
function sticky(id: string, authorId: string | null, authorName = 'Tess') {
  const record = stickyRecord(id, { text: 'hi' })
  const stormline = { ...(record.meta.stormline as Record<string, unknown>) }
  if (authorId === null) {
    delete stormline.authorId
    delete stormline.authorName
  } else {
    stormline.authorId = authorId
    stormline.authorName = authorName
  }
  return { ...record, meta: { stormline } }
}

const records = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.records)
const anonymous = (doc: Y.Doc) => doc.getMap(docLayout.session).set('anonymous', true)

function nested(doc: Y.Doc, id: string, ...path: string[]): Y.Map<unknown> {
  let map = recordMap(doc, id)
  for (const key of path) map = map.get(key) as Y.Map<unknown>
  return map
}

/** A record map written field by field, its meta (or stormline) as one JSON value. */
function handMadeRecord(doc: Y.Doc, id: string, meta: (map: Y.Map<unknown>) => void): void {
  const { meta: _meta, x, y, ...rest }: Record<string, unknown> = sticky(id, null)
  const map = new Y.Map<unknown>()
  records(doc).set(id, map)
  map.set('xy', [x, y])
  for (const [key, value] of Object.entries(rest)) map.set(key, value)
  meta(map)
}

describe('what only the server writes', () => {
  it.each([
    ['votes', (d: Y.Doc) => d.getMap(docLayout.votes).set(me, { round: 1, dots: { a: 5 } })],
    ['votes', (d: Y.Doc) => d.getMap(docLayout.votes).delete('legacy')],
    ['ballots', (d: Y.Doc) => d.getMap(docLayout.ballots).set(`t|${me}`, { value: 3 })],
    ['ballots', (d: Y.Doc) => d.getMap(docLayout.ballots).delete('t|legacy')],
    ['session.voteResult', (d: Y.Doc) => d.getMap(docLayout.session).set(voteResultKey, {})],
    ['session.voteResult', (d: Y.Doc) => d.getMap(docLayout.session).delete(voteResultKey)],
  ])('refuses %s from every role', (what, change) => {
    for (const role of roles) {
      const { server, client } = board((d) => {
        d.getMap(docLayout.votes).set('legacy', { round: 1, dots: {} })
        d.getMap(docLayout.ballots).set('t|legacy', { value: 1 })
        d.getMap(docLayout.session).set(voteResultKey, { round: 1 })
      })
      expect(checkUpdate(server, updateOf(client, change), as(role))).toEqual({
        kind: 'forbidden',
        reason: `${what} is written by the server only`,
      })
    }
  })

  it('still lets the facilitator open and close the vote', () => {
    const { server, client } = board()
    const update = updateOf(client, (d) =>
      d.getMap(docLayout.session).set('vote', { status: 'closed', budget: 5, round: 1 }),
    )
    expect(checkUpdate(server, update, as('facilitator'))).toEqual({ kind: 'allowed' })
  })
})

describe('who a new sticky says wrote it', () => {
  it.each([
    ['me as author', (d: Y.Doc) => writeRecord(d, sticky('shape:new', me))],
    ['no author fields', (d: Y.Doc) => writeRecord(d, sticky('shape:new', null))],
    ['an empty author id', (d: Y.Doc) => writeRecord(d, sticky('shape:new', ''))],
    [
      'a whole JSON record by me',
      (d: Y.Doc) => records(d).set('shape:new', sticky('shape:new', me)),
    ],
    // Deleting and re-creating in one go: as if deleted, then created anew by me.
    [
      'a replacement credited to me',
      (d: Y.Doc) => records(d).set('shape:theirs', encodeRecord(sticky('shape:theirs', me))),
    ],
  ])('allows %s', (_name, change) => {
    for (const role of roles) {
      const { server, client } = board()
      expect(checkUpdate(server, updateOf(client, change), as(role))).toEqual({ kind: 'allowed' })
    }
  })

  it.each([
    ['someone else as author', (d: Y.Doc) => writeRecord(d, sticky('shape:new', other))],
    [
      'a whole JSON record (layout v1)',
      (d: Y.Doc) => records(d).set('shape:new', sticky('shape:new', other)),
    ],
    [
      'meta as one JSON value',
      (d: Y.Doc) =>
        handMadeRecord(d, 'shape:new', (m) => m.set('meta', { stormline: { authorId: other } })),
    ],
    [
      'stormline as one JSON value',
      (d: Y.Doc) =>
        handMadeRecord(d, 'shape:new', (m) => {
          const meta = new Y.Map<unknown>()
          m.set('meta', meta)
          meta.set('stormline', { kind: 'pain', authorId: other })
        }),
    ],
    [
      'the author set after the record, in the same update',
      (d: Y.Doc) => {
        writeRecord(d, sticky('shape:new', me))
        nested(d, 'shape:new', 'meta', 'stormline').set('authorId', other)
      },
    ],
    [
      "a replacement of someone else's sticky keeping their name",
      (d: Y.Doc) => records(d).set('shape:theirs', encodeRecord(sticky('shape:theirs', other))),
    ],
  ])('refuses %s', (_name, change) => {
    for (const role of roles) {
      const { server, client } = board()
      expect(checkUpdate(server, updateOf(client, change), as(role))).toEqual({
        kind: 'forbidden',
        reason: authorReasons.notMember,
      })
    }
  })

  it("lets an undone deletion bring someone else's sticky back with its own author, and no other", () => {
    const { server, client } = board()
    const deleted = updateOf(client, (d) => records(d).delete('shape:theirs'))
    expect(checkUpdate(server, deleted, as('participant')).kind).toBe('allowed')
    Y.applyUpdate(server, deleted)
    // What an undo writes: the record again, as it was, under its own id.
    const restored = (id: string) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
      return updateOf(copy, (d) => records(d).set(id, encodeRecord(sticky(id, other))))
    }
    const remembered = {
      ...as('participant'),
      formerAuthor: (id: string) => (id === 'shape:theirs' ? other : undefined),
    }
    expect(checkUpdate(server, restored('shape:theirs'), remembered).kind).toBe('allowed')
    // Another id was never theirs: a modified client cannot credit a new sticky to them.
    expect(checkUpdate(server, restored('shape:forged'), remembered)).toEqual({
      kind: 'forbidden',
      reason: authorReasons.notMember,
    })
    expect(checkUpdate(server, restored('shape:theirs'), as('participant'))).toEqual({
      kind: 'forbidden',
      reason: authorReasons.notMember,
    })
  })

  it('refuses an author id that is a shared type (it could be retyped later)', () => {
    const { server, client } = board()
    const update = updateOf(client, (d) =>
      d.transact(() => {
        writeRecord(d, sticky('shape:new', null))
        nested(d, 'shape:new', 'meta', 'stormline').set('authorId', new Y.Text(me))
      }),
    )
    expect(checkUpdate(server, update, as('participant'))).toEqual({
      kind: 'forbidden',
      reason: authorReasons.notPlain,
    })
  })

  it('reads a deep chain of nested maps in about linear time', () => {
    const { server, client } = board()
    const update = updateOf(client, (d) =>
      d.transact(() => {
        writeRecord(d, sticky('shape:new', me))
        let map = nested(d, 'shape:new', 'meta', 'stormline')
        for (let i = 0; i < 5000; i++) {
          const inner = new Y.Map<unknown>()
          map.set(i === 0 ? 'authorName' : 'deeper', inner)
          map = inner
        }
      }),
    )
    const started = performance.now()
    expect(checkUpdate(server, update, as('participant'))).toEqual({
      kind: 'forbidden',
      reason: authorReasons.notPlain,
    })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('takes no author on an anonymous board, not even the writer', () => {
    const cases: [string, (d: Y.Doc) => void, string | null][] = [
      ['no author fields', (d) => writeRecord(d, sticky('shape:new', null)), null],
      ['empty author fields', (d) => writeRecord(d, sticky('shape:new', '', '')), null],
      ['me as author', (d) => writeRecord(d, sticky('shape:new', me)), authorReasons.anonymous],
      [
        'only a name',
        (d) => writeRecord(d, sticky('shape:new', '', 'Ann')),
        authorReasons.anonymous,
      ],
      [
        'a JSON record with me as author',
        (d) => records(d).set('shape:new', sticky('shape:new', me)),
        authorReasons.anonymous,
      ],
    ]
    for (const [name, change, reason] of cases) {
      for (const role of roles) {
        const { server, client } = board((d) => anonymous(d))
        const verdict = checkUpdate(server, updateOf(client, change), as(role))
        expect(verdict, name).toEqual(reason ? { kind: 'forbidden', reason } : { kind: 'allowed' })
      }
    }
  })

  it('skips the author rules for a socket without identity', () => {
    const { server, client } = board()
    const update = updateOf(client, (d) => writeRecord(d, sticky('shape:new', other)))
    expect(checkUpdate(server, update, as('participant', null))).toEqual({ kind: 'allowed' })
  })
})

describe("an existing sticky's author", () => {
  const stormline = (d: Y.Doc) => nested(d, 'shape:theirs', 'meta', 'stormline')

  it.each([
    [
      'edit its text, kind and context',
      (d: Y.Doc) => {
        stormline(d).set('kind', 'pain')
        stormline(d).set('context', 'why')
        nested(d, 'shape:theirs', 'props').set('color', 'red')
      },
    ],
    ['move it', (d: Y.Doc) => recordMap(d, 'shape:theirs').set('xy', [40, 50])],
    ['delete it', (d: Y.Doc) => records(d).delete('shape:theirs')],
    ['write the same author again', (d: Y.Doc) => stormline(d).set('authorId', other)],
    [
      'replace meta by one JSON value with the same author',
      (d: Y.Doc) =>
        recordMap(d, 'shape:theirs').set('meta', {
          stormline: { kind: 'pain', authorId: other, authorName: 'Tess' },
        }),
    ],
  ])('lets anyone %s', (_name, change) => {
    for (const role of roles) {
      const { server, client } = board()
      expect(checkUpdate(server, updateOf(client, change), as(role))).toEqual({ kind: 'allowed' })
    }
  })

  it.each([
    ['claim it', (d: Y.Doc) => stormline(d).set('authorId', me)],
    ['rename its author', (d: Y.Doc) => stormline(d).set('authorName', 'Mallory')],
    ['remove its author', (d: Y.Doc) => stormline(d).delete('authorId')],
    ['remove its author name', (d: Y.Doc) => stormline(d).delete('authorName')],
    [
      'replace its stormline part',
      (d: Y.Doc) => nested(d, 'shape:theirs', 'meta').set('stormline', { authorId: me }),
    ],
    [
      'drop its stormline part',
      (d: Y.Doc) => nested(d, 'shape:theirs', 'meta').delete('stormline'),
    ],
    [
      'replace its meta without the author',
      (d: Y.Doc) => recordMap(d, 'shape:theirs').set('meta', {}),
    ],
    ['remove its meta', (d: Y.Doc) => recordMap(d, 'shape:theirs').delete('meta')],
  ])('refuses to let anyone %s', (_name, change) => {
    for (const role of roles) {
      const { server, client } = board()
      expect(checkUpdate(server, updateOf(client, change), as(role))).toEqual({
        kind: 'forbidden',
        reason: authorReasons.changed,
      })
    }
  })

  it('refuses adding an author to a sticky that has none, also on an anonymous board', () => {
    for (const setup of [(d: Y.Doc) => d, anonymous]) {
      const { server, client } = board((d) => {
        setup(d)
        writeRecord(d, sticky('shape:theirs', null))
      })
      const update = updateOf(client, (d) => stormline(d).set('authorId', me))
      expect(checkUpdate(server, update, as('facilitator')).kind).toBe('forbidden')
    }
  })

  it('refuses an edit inside an author stored as a shared type, and allows deleting its sticky', () => {
    const setup = (d: Y.Doc) => {
      writeRecord(d, sticky('shape:theirs', null))
      stormline(d).set('authorId', new Y.Text(other))
    }
    const { server, client } = board(setup)
    const retype = updateOf(client, (d) => (stormline(d).get('authorId') as Y.Text).insert(0, 'x'))
    expect(checkUpdate(server, retype, as('participant'))).toEqual({
      kind: 'forbidden',
      reason: authorReasons.notPlain,
    })
    const fresh = board(setup)
    const erase = updateOf(fresh.client, (d) =>
      (stormline(d).get('authorId') as Y.Text).delete(0, 2),
    )
    expect(checkUpdate(fresh.server, erase, as('participant'))).toEqual({
      kind: 'forbidden',
      reason: authorReasons.changed,
    })
    const again = board(setup)
    const remove = updateOf(again.client, (d) => records(d).delete('shape:theirs'))
    expect(checkUpdate(again.server, remove, as('participant'))).toEqual({ kind: 'allowed' })
  })

  it('refuses a concurrent author write even where it might lose to the one stored', () => {
    const { server, client } = board()
    // Meanwhile another client writes the same author again: a newer item the forged update
    // does not delete, so after it both would be in the document, one of them visible.
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
    const rewrite = updateOf(peer, (d) => stormline(d).set('authorId', other))
    expect(checkUpdate(server, rewrite, as('participant'))).toEqual({ kind: 'allowed' })
    Y.applyUpdate(server, rewrite)
    const forged = updateOf(client, (d) => stormline(d).set('authorId', me))
    expect(checkUpdate(server, forged, as('participant')).kind).toBe('forbidden')
  })

  it('refuses a concurrent replacement without the author, though the stored one might win', () => {
    const { server, client } = board()
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
    const copy = updateOf(peer, (d) =>
      nested(d, 'shape:theirs', 'meta').set('stormline', {
        kind: 'step',
        authorId: other,
        authorName: 'Tess',
      }),
    )
    expect(checkUpdate(server, copy, as('participant'))).toEqual({ kind: 'allowed' })
    Y.applyUpdate(server, copy)
    const forged = updateOf(client, (d) =>
      nested(d, 'shape:theirs', 'meta').set('stormline', { kind: 'step' }),
    )
    expect(checkUpdate(server, forged, as('participant'))).toEqual({
      kind: 'forbidden',
      reason: authorReasons.changed,
    })
  })
})
