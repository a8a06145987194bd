import { templateTimelineId } from '@stormline/shared/board/timeline'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import {
  moveRecord,
  recordMap,
  stickyRecord,
  timelineRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, type UpdateAuthor, type UpdateVerdict } from './update-policy.ts'

/** Sockets without identity: the role rules alone (the author rules have their own tests). */
const asParticipant: UpdateAuthor = { role: 'participant', memberId: null }
const asFacilitator: UpdateAuthor = { role: 'facilitator', memberId: null }

const checkParticipantUpdate = (doc: Y.Doc, update: Uint8Array): UpdateVerdict =>
  checkUpdate(doc, update, asParticipant)

/** The board as the server holds it, and a participant's copy synced from it. */
function board(setup: (doc: Y.Doc) => void = () => {}): { server: Y.Doc; participant: Y.Doc } {
  const server = new Y.Doc()
  const facilitator = new Y.Doc()
  setup(facilitator)
  Y.applyUpdate(server, Y.encodeStateAsUpdate(facilitator))
  const participant = new Y.Doc()
  Y.applyUpdate(participant, Y.encodeStateAsUpdate(server))
  return { server, participant }
}

/** The update a change produces on a doc. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

/** A timeline record as the web app seeds it (unlocked); the template's id unless told. */
const timeline = (label: string, id: string = templateTimelineId) => ({
  ...timelineRecord({
    w: 2800,
    h: 160,
    startLabel: label,
    endLabel: 'Live',
    phases: [{ id: 'build', name: 'Build', weight: 1 }],
  }),
  id,
  isLocked: false,
})
const sticky = (id: string, text: string) => stickyRecord(id, { text })

const records = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.records)
const session = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.session)

/** A nested map of a record (layout v2): `props`, `meta`, or `meta.stormline`. */
function nested(doc: Y.Doc, id: string, ...path: string[]): Y.Map<unknown> {
  let map = recordMap(doc, id)
  for (const key of path) {
    const child = map.get(key)
    if (!(child instanceof Y.Map)) throw new Error(`${id} has no map at ${path.join('.')}`)
    map = child
  }
  return map
}

function richText(doc: Y.Doc, id: string): Y.Text {
  const text = nested(doc, id, 'props').get('richText')
  if (!(text instanceof Y.Text)) throw new Error(`${id} has no plain-text richText`)
  return text
}

describe('what a participant may change', () => {
  it('may add, move, retype, restyle and delete stickies and cluster', () => {
    const { server, participant } = board((d) => writeRecord(d, sticky('shape:a', 'x')))
    const cases: ((doc: Y.Doc) => void)[] = [
      (d) => writeRecord(d, sticky('shape:b', 'new')),
      (d) => moveRecord(d, 'shape:a', { x: 10, y: 20 }),
      (d) => richText(d, 'shape:a').insert(1, ' typed'),
      (d) => nested(d, 'shape:a', 'props').set('color', 'red'),
      (d) => nested(d, 'shape:a', 'meta', 'stormline').set('kind', 'pain'),
      (d) => writeRecord(d, { ...sticky('shape:a', 'rewritten'), x: 30 }),
      (d) => records(d).delete('shape:a'),
      (d) => d.getMap(docLayout.clusters).set('cluster:1', { memberIds: ['shape:a'] }),
    ]
    for (const change of cases) {
      const update = updateOf(participant, change)
      expect(checkParticipantUpdate(server, update)).toEqual({ kind: 'allowed' })
      // Each builds on the one before, as a client's stream of updates does.
      Y.applyUpdate(server, update)
    }
  })

  it('may not move the workshop step, run the timer, open a vote or switch anonymity', () => {
    const { server, participant } = board((d) => session(d).set('step', 1))
    for (const change of [
      (d: Y.Doc) => session(d).set('step', 4),
      (d: Y.Doc) => session(d).set('timer', { durationMs: 1, remainingMs: 1, startedAt: 1 }),
      (d: Y.Doc) => session(d).set('vote', { status: 'open' }),
      (d: Y.Doc) => session(d).set('anonymous', false),
      (d: Y.Doc) => session(d).delete('step'),
    ]) {
      const verdict = checkParticipantUpdate(server, updateOf(participant, change))
      expect(verdict).toEqual({ kind: 'forbidden', reason: 'session is facilitator-only' })
    }
  })

  it('may not set value and effort or reject suggestions', () => {
    const { server, participant } = board()
    expect(
      checkParticipantUpdate(
        server,
        updateOf(participant, (d) =>
          d.getMap(docLayout.assessments).set('cluster:1', { value: 5 }),
        ),
      ).kind,
    ).toBe('forbidden')
    expect(
      checkParticipantUpdate(
        server,
        updateOf(participant, (d) => d.getMap(docLayout.suggestionDecisions).set('k', 'rejected')),
      ).kind,
    ).toBe('forbidden')
  })

  it('may not write the meta map, which only the server writes', () => {
    const { server, participant } = board((d) => d.getMap(docLayout.meta).set('layoutVersion', 2))
    for (const change of [
      (d: Y.Doc) => d.getMap(docLayout.meta).set('tldrawSchema', { schemaVersion: 2 }),
      (d: Y.Doc) => d.getMap(docLayout.meta).set('layoutVersion', 1),
      (d: Y.Doc) => d.getMap(docLayout.meta).delete('layoutVersion'),
    ]) {
      expect(checkParticipantUpdate(server, updateOf(participant, change)).kind).toBe('forbidden')
    }
  })

  it('may not lock, move, change any nested field of, replace or remove the timeline', () => {
    const { server, participant } = board((d) => writeRecord(d, timeline('Start')))
    for (const change of [
      (d: Y.Doc) => recordMap(d, templateTimelineId).set('isLocked', true),
      (d: Y.Doc) => moveRecord(d, templateTimelineId, { x: 500, y: 0 }),
      (d: Y.Doc) => recordMap(d, templateTimelineId).delete('rotation'),
      (d: Y.Doc) => nested(d, templateTimelineId, 'props').set('startLabel', 'Hacked'),
      (d: Y.Doc) => nested(d, templateTimelineId, 'props').set('phases', []),
      (d: Y.Doc) => nested(d, templateTimelineId, 'props').delete('endLabel'),
      (d: Y.Doc) => nested(d, templateTimelineId, 'meta').set('note', 'mine now'),
      (d: Y.Doc) => writeRecord(d, timeline('Hacked')),
      (d: Y.Doc) =>
        records(d).set(templateTimelineId, encodeRecord(sticky(templateTimelineId, 'gone'))),
      (d: Y.Doc) => records(d).delete(templateTimelineId),
    ]) {
      expect(checkParticipantUpdate(server, updateOf(participant, change)).kind).toBe('forbidden')
    }
  })

  it('may lay out the template timeline on a board that never had one, and add no other timeline', () => {
    const { server, participant } = board()
    const seed = updateOf(participant, (d) => writeRecord(d, timeline('Start')))
    expect(checkParticipantUpdate(server, seed)).toEqual({ kind: 'allowed' })
    const empty = board()
    const other = updateOf(empty.participant, (d) =>
      writeRecord(d, timeline('Start', 'shape:second')),
    )
    expect(checkParticipantUpdate(empty.server, other).kind).toBe('forbidden')

    // Once laid out, it is the facilitator's like any other timeline.
    Y.applyUpdate(server, seed)
    const relabel = updateOf(participant, (d) =>
      nested(d, templateTimelineId, 'props').set('startLabel', 'Mine'),
    )
    expect(checkParticipantUpdate(server, relabel).kind).toBe('forbidden')

    const stickyBoard = () => board((d) => writeRecord(d, sticky('shape:a', 'x')))
    for (const change of [
      (d: Y.Doc) => records(d).set('shape:a', encodeRecord(timeline('x', 'shape:a'))),
      // A sticky turned into a timeline field by field is a new timeline too.
      (d: Y.Doc) => recordMap(d, 'shape:a').set('type', 'timeline'),
    ]) {
      const { server: withSticky, participant: author } = stickyBoard()
      expect(checkParticipantUpdate(withSticky, updateOf(author, change)).kind).toBe('forbidden')
    }
  })

  it('may not lay out a timeline again after the facilitator removed it', () => {
    const { server } = board((d) => writeRecord(d, timeline('Start')))
    const facilitator = new Y.Doc()
    Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(
      server,
      updateOf(facilitator, (d) => records(d).delete(templateTimelineId)),
    )
    const participant = new Y.Doc()
    Y.applyUpdate(participant, Y.encodeStateAsUpdate(server))
    const again = updateOf(participant, (d) => writeRecord(d, timeline('Again')))
    expect(checkParticipantUpdate(server, again).kind).toBe('forbidden')
  })

  it('refuses a whole update that mixes allowed and facilitator-only changes', () => {
    const { server, participant } = board()
    const mixed = updateOf(participant, (d) =>
      d.transact(() => {
        writeRecord(d, sticky('shape:b', 'fine'))
        session(d).set('step', 6)
      }),
    )
    expect(checkParticipantUpdate(server, mixed).kind).toBe('forbidden')
  })

  it('sees through nested types and chains of new items inside facilitator-only maps', () => {
    const { server, participant } = board()
    const nested = updateOf(participant, (d) => {
      const inner = new Y.Map<unknown>()
      session(d).set('vote', inner)
      inner.set('status', 'open')
      inner.set('status', 'closed')
    })
    expect(checkParticipantUpdate(server, nested).kind).toBe('forbidden')
  })

  it('refuses maps that are not part of a board', () => {
    const { server, participant } = board()
    const stray = updateOf(participant, (d) => d.getMap('junk').set('a', 1))
    expect(checkParticipantUpdate(server, stray)).toEqual({
      kind: 'forbidden',
      reason: '"junk" is not part of a board',
    })
  })

  it('calls an update incomplete when it builds on content the board does not have yet', () => {
    const { server } = board()
    const offline = new Y.Doc()
    writeRecord(offline, sticky('shape:x', 'typed offline'))
    const before = Y.encodeStateVector(offline)
    // Edited again right after reconnecting: sent before the offline edit (its sync step 2).
    moveRecord(offline, 'shape:x', { x: 40, y: 40 })
    richText(offline, 'shape:x').insert(0, 'still ')
    writeRecord(offline, sticky('shape:y', 'new'))
    const early = Y.encodeStateAsUpdate(offline, before)
    for (const author of ['participant', 'facilitator'] as const) {
      expect(checkUpdate(server, early, { role: author, memberId: null })).toEqual({
        kind: 'incomplete',
      })
    }
    // Once the rest is there the whole reads as complete.
    expect(checkUpdate(server, Y.encodeStateAsUpdate(offline), asParticipant)).toEqual({
      kind: 'allowed',
    })
  })

  it('calls a deletion of content the board does not have incomplete', () => {
    const { server } = board()
    const elsewhere = new Y.Doc()
    writeRecord(elsewhere, sticky('shape:x', 'a'))
    const created = Y.encodeStateVector(elsewhere)
    records(elsewhere).delete('shape:x')
    const deletion = Y.encodeStateAsUpdate(elsewhere, created)
    expect(checkUpdate(server, deletion, asFacilitator)).toEqual({ kind: 'incomplete' })
  })

  it('still refuses a facilitator-only change that is also incomplete', () => {
    const { server } = board()
    const elsewhere = new Y.Doc()
    writeRecord(elsewhere, sticky('shape:x', 'a'))
    const base = Y.encodeStateVector(elsewhere)
    session(elsewhere).set('step', 6)
    expect(checkParticipantUpdate(server, Y.encodeStateAsUpdate(elsewhere, base)).kind).toBe(
      'forbidden',
    )
  })

  it('lets the facilitator change anything', () => {
    const { server, participant } = board((d) => writeRecord(d, timeline('S')))
    const relabel = updateOf(participant, (d) => {
      nested(d, templateTimelineId, 'props').set('startLabel', 'Renamed')
      recordMap(d, templateTimelineId).set('isLocked', true)
    })
    expect(checkUpdate(server, relabel, asFacilitator)).toEqual({ kind: 'allowed' })
    Y.applyUpdate(server, relabel)
    const update = updateOf(participant, (d) => {
      session(d).set('step', 6)
      writeRecord(d, timeline('Second', 'shape:second'))
      records(d).delete(templateTimelineId)
    })
    expect(checkUpdate(server, update, asFacilitator)).toEqual({ kind: 'allowed' })
  })

  it('ignores content the board already has, as Yjs does', () => {
    const { server } = board((d) => session(d).set('step', 2))
    // A reconnecting participant's sync step 2 may resend what the server already stored.
    expect(checkParticipantUpdate(server, Y.encodeStateAsUpdate(server))).toEqual({
      kind: 'allowed',
    })
  })

  it('throws on bytes that are not an update, for the caller to close the socket', () => {
    const { server } = board()
    expect(() => checkParticipantUpdate(server, new Uint8Array([200, 1, 2, 3]))).toThrow()
  })
})
