import { stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import type { TLNoteShape } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { noteRecord, stickyRecord } from '../sync/test-records.ts'
import { commonKind, kindChangeUpdates, noteKind } from './kind-selection.ts'

describe('noteKind', () => {
  it('reads the stored kind, else the kind of the colour, else a step', () => {
    expect(noteKind(stickyRecord('a', 'VM takes two weeks', { kind: 'pain' }))).toBe('pain')
    const plainRed = noteRecord('b', 'x')
    expect(noteKind({ ...plainRed, props: { ...plainRed.props, color: 'red' } })).toBe('pain')
    const plainBlack = noteRecord('c', 'x')
    expect(noteKind({ ...plainBlack, props: { ...plainBlack.props, color: 'black' } })).toBe('step')
  })
})

describe('commonKind', () => {
  it('is the kind all share, and none when they differ or there are none', () => {
    expect(commonKind(['pain', 'pain'])).toBe('pain')
    expect(commonKind(['pain', 'tech', 'pain'])).toBeNull()
    expect(commonKind([])).toBeNull()
  })
})

describe('kindChangeUpdates', () => {
  it('gives every sticky the new kind and its colour, keeping the rest of its meta', () => {
    const step = stickyRecord('s', 'Request a VM', { kind: 'step', context: 'ticket' })
    const tech = stickyRecord('t', 'Jira', { kind: 'tech' })
    const withOtherMeta: TLNoteShape = { ...tech, meta: { ...tech.meta, pinned: true } }
    const updates = kindChangeUpdates([step, withOtherMeta], 'question')
    expect(updates.map((u) => u.id)).toEqual([step.id, tech.id])
    for (const update of updates) {
      expect(update.props).toEqual({ color: stickyKindInfo.question.color })
      expect(readStickyMeta(update.meta)?.kind).toBe('question')
    }
    expect(readStickyMeta(updates[0]?.meta)).toMatchObject({ context: 'ticket', authorName: 'Ada' })
    expect(updates[1]?.meta).toMatchObject({ pinned: true })
  })

  it('leaves out stickies already of that kind, so re-picking writes nothing', () => {
    const pain = stickyRecord('p', 'Slow', { kind: 'pain' })
    expect(kindChangeUpdates([pain], 'pain')).toEqual([])
  })

  it('puts back the kind colour of a sticky whose colour drifted', () => {
    const pain = stickyRecord('p', 'Slow', { kind: 'pain' })
    const drifted: TLNoteShape = { ...pain, props: { ...pain.props, color: 'black' } }
    expect(kindChangeUpdates([drifted], 'pain')).toEqual([
      expect.objectContaining({ id: pain.id, props: { color: stickyKindInfo.pain.color } }),
    ])
  })
})
