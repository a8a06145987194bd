import { readSilentWriting, silentWritingKey } from '@stormline/shared/board/silent-writing'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  isWritingIn,
  revealedRound,
  revealSilentWriting,
  startedRound,
  startSilentWriting,
} from './silent-writing-session.ts'

const stored = (doc: Y.Doc) =>
  readSilentWriting(doc.getMap(docLayout.session).get(silentWritingKey))

describe('the silent-writing round', () => {
  it('starting counts rounds up; revealing ends the same round', () => {
    expect(startedRound({ status: 'off', round: 0 })).toEqual({ status: 'writing', round: 1 })
    expect(startedRound({ status: 'off', round: 3 })).toEqual({ status: 'writing', round: 4 })
    expect(revealedRound({ status: 'writing', round: 4 })).toEqual({ status: 'off', round: 4 })
  })

  it('is written to the session map and read back', () => {
    const doc = new Y.Doc()
    expect(isWritingIn(doc)).toBe(false)
    startSilentWriting(doc)
    expect(stored(doc)).toEqual({ status: 'writing', round: 1 })
    expect(isWritingIn(doc)).toBe(true)
    revealSilentWriting(doc)
    expect(stored(doc)).toEqual({ status: 'off', round: 1 })
    startSilentWriting(doc)
    expect(stored(doc)).toEqual({ status: 'writing', round: 2 })
  })

  it('a malformed value reads as no round, and the next round starts from 1', () => {
    const doc = new Y.Doc()
    doc.getMap(docLayout.session).set(silentWritingKey, 'writing')
    expect(isWritingIn(doc)).toBe(false)
    startSilentWriting(doc)
    expect(stored(doc)).toEqual({ status: 'writing', round: 1 })
  })
})
