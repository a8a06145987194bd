import { readAssessment } from '@stormline/shared/backlog/estimates'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { privateLayout } from '@stormline/shared/sync/private-layout'
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

  it('keeps my ballot in my private document by target and merges value and effort', () => {
    const mine = new Y.Doc()
    updateMyBallot(mine, 'Ann', 'cluster:a', { value: 5 })
    updateMyBallot(mine, 'Ann', 'cluster:a', { effort: 3 })
    expect(mine.getMap(privateLayout.ballots).get('cluster:a')).toEqual({
      value: 5,
      effort: 3,
      name: 'Ann',
    })
  })

  it('writes no name on an anonymous board', () => {
    const mine = new Y.Doc()
    updateMyBallot(mine, '', 'cluster:a', { value: 2 })
    expect(mine.getMap(privateLayout.ballots).get('cluster:a')).toEqual({
      value: 2,
      effort: null,
      name: '',
    })
  })
})
