import { readAssessment, readBallot } from '@stormline/shared/backlog/estimates'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateAssessment, updateMyBallot } from './assessment-store.ts'

describe('assessment store', () => {
  it('merges patches into the stored assessment', () => {
    const doc = new Y.Doc()
    updateAssessment(doc, 'cluster:a', { value: 4 })
    updateAssessment(doc, 'cluster:a', { effort: 2, classification: { urgency: 'forced' } })
    updateAssessment(doc, 'cluster:a', { classification: { horizon: 'long-term' } })
    expect(readAssessment(doc.getMap(docLayout.assessments).get('cluster:a'))).toEqual({
      mode: 'facilitator',
      value: 4,
      effort: 2,
      revealed: false,
      classification: { urgency: 'forced', horizon: 'long-term' },
    })
  })

  it('keeps my ballot under my own key and merges value and effort', () => {
    const doc = new Y.Doc()
    const me = { id: 'ann', name: 'Ann' }
    updateMyBallot(doc, me, 'cluster:a', { value: 5 })
    updateMyBallot(doc, me, 'cluster:a', { effort: 3 })
    expect(readBallot(doc.getMap(docLayout.ballots).get('cluster:a|ann'))).toEqual({
      targetId: 'cluster:a',
      participantId: 'ann',
      participantName: 'Ann',
      value: 5,
      effort: 3,
    })
  })
})
