import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { recordMap, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, type UpdateAuthor } from './update-policy.ts'

/** Sockets without identity: the role rules alone (the author rules have their own tests). */
const asParticipant: UpdateAuthor = { role: 'participant', memberId: null }
const asFacilitator: UpdateAuthor = { role: 'facilitator', memberId: null }

/** The board as the server holds it (stamped meta, one sticky), and a client's synced copy. */
function board(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc()
  server.getMap(docLayout.meta).set('layoutVersion', 2)
  server.getMap(docLayout.meta).set(schemaMetaKey, { schemaVersion: 2, sequences: {} })
  writeRecord(server, stickyRecord('shape:a', { text: 'Sticky' }))
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('the update policy on record layout v2', () => {
  it('refuses any write or deletion in the meta map, from the facilitator too', () => {
    for (const change of [
      (d: Y.Doc) =>
        d.getMap(docLayout.meta).set(schemaMetaKey, { schemaVersion: 2, sequences: {} }),
      (d: Y.Doc) => d.getMap(docLayout.meta).delete('layoutVersion'),
      (d: Y.Doc) => d.getMap(docLayout.meta).set('anything', new Y.Map()),
    ]) {
      for (const author of ['facilitator', 'participant'] as const) {
        const { server, client } = board()
        const verdict = checkUpdate(server, updateOf(client, change), {
          role: author,
          memberId: null,
        })
        expect(verdict).toEqual({ kind: 'forbidden', reason: 'meta is written by the server only' })
      }
    }
  })

  it("refuses a participant's record type written as a shared type (it could spell timeline later)", () => {
    const { server, client } = board()
    const update = updateOf(client, (d) => recordMap(d, 'shape:a').set('type', new Y.Text('note')))
    expect(checkUpdate(server, update, asParticipant)).toMatchObject({ kind: 'forbidden' })
    expect(checkUpdate(server, update, asFacilitator)).toEqual({ kind: 'allowed' })
  })

  it('lets a participant retype a record to anything but a timeline', () => {
    const { server, client } = board()
    const toGeo = updateOf(client, (d) => recordMap(d, 'shape:a').set('type', 'geo'))
    expect(checkUpdate(server, toGeo, asParticipant)).toEqual({ kind: 'allowed' })
    const other = board()
    const toTimeline = updateOf(other.client, (d) =>
      recordMap(d, 'shape:a').set('type', 'timeline'),
    )
    expect(checkUpdate(other.server, toTimeline, asParticipant)).toMatchObject({
      kind: 'forbidden',
    })
  })

  it('reads a timeline whose type is a shared type as a timeline', () => {
    // Only a facilitator could have written it so; a participant may still not touch it.
    const { server, client } = board()
    const sneaky = updateOf(client, (d) => {
      const map = recordMap(d, 'shape:a')
      d.transact(() => map.set('type', new Y.Text('timeline')))
    })
    Y.applyUpdate(server, sneaky)
    const move = updateOf(client, (d) => recordMap(d, 'shape:a').set('x', 5))
    expect(checkUpdate(server, move, asParticipant)).toEqual({
      kind: 'forbidden',
      reason: 'the timeline is facilitator-only',
    })
  })
})
