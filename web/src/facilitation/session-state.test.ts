import { sessionKeys, startTimer } from '@stormline/shared/board/session'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readSession, sessionMap, updateTimer, writeStep } from './session-state.ts'

function connectedPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update))
  b.on('update', (update: Uint8Array) => Y.applyUpdate(a, update))
  return [a, b]
}

describe('session state in the Y.Doc', () => {
  it('starts at step 1 without a timer', () => {
    expect(readSession(sessionMap(new Y.Doc()))).toEqual({ step: 1, timer: null })
  })

  it('reaches a peer: step and timer', () => {
    const [facilitator, participant] = connectedPair()
    writeStep(facilitator, 3)
    updateTimer(facilitator, () => ({ durationMs: 300_000, remainingMs: 300_000, startedAt: null }))
    updateTimer(facilitator, (timer) => timer && startTimer(timer, 1_000))
    expect(readSession(sessionMap(participant))).toEqual({
      step: 3,
      timer: { durationMs: 300_000, remainingMs: 300_000, startedAt: 1_000 },
    })
  })

  it('clamps steps on the way in and on the way out', () => {
    const doc = new Y.Doc()
    writeStep(doc, 9)
    expect(readSession(sessionMap(doc)).step).toBe(6)
    sessionMap(doc).set(sessionKeys.step, 'three')
    expect(readSession(sessionMap(doc)).step).toBe(1)
  })

  it('ignores a malformed timer and can remove the timer', () => {
    const doc = new Y.Doc()
    sessionMap(doc).set(sessionKeys.timer, { durationMs: 'soon' })
    expect(readSession(sessionMap(doc)).timer).toBeNull()
    updateTimer(doc, () => ({ durationMs: 1, remainingMs: 1, startedAt: null }))
    updateTimer(doc, () => null)
    expect(sessionMap(doc).has(sessionKeys.timer)).toBe(false)
  })
})
