import { encodeCluster } from '@stormline/shared/backlog/cluster-layout'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { pageRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkpointContent } from './checkpoint-content.ts'

const signed = stickyRecord('shape:a', { text: 'Mine', authorId: 'm1', authorName: 'Ada' })
const cluster = {
  id: 'cluster:1',
  name: 'Waiting',
  memberIds: ['shape:a'],
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'm1',
  source: 'manual' as const,
}

/** A checkpoint taken before its board turned anonymous: it still names Ada. */
function checkpointState(): Uint8Array {
  const doc = new Y.Doc()
  writeRecord(doc, pageRecord)
  writeRecord(doc, signed)
  doc.getMap(docLayout.clusters).set(cluster.id, encodeCluster(cluster))
  doc.getMap(docLayout.suggestionDecisions).set('k', 'rejected')
  return Y.encodeStateAsUpdate(doc)
}

type Stormline = { meta: { stormline: Record<string, unknown> } }

describe('a checkpoint on a board that is anonymous now', () => {
  it('names nobody: sticky authors go, a cluster’s creator is emptied, the rest stays', () => {
    const state = checkpointState()
    const content = checkpointContent(state)
    const anonymous = checkpointContent(state, { anonymous: true })
    const meta = (anonymous.records['shape:a'] as Stormline).meta.stormline
    expect(meta).not.toHaveProperty('authorId')
    expect(meta).not.toHaveProperty('authorName')
    expect(meta).toMatchObject({ kind: 'step', context: '' })
    expect(anonymous.records['page:page']).toEqual(content.records['page:page'])
    expect(anonymous.clusters['cluster:1']).toEqual({ ...cluster, createdBy: '' })
    expect(anonymous.suggestionDecisions).toEqual(content.suggestionDecisions)
    // The stored checkpoint is left as it was.
    expect(
      (checkpointContent(state).records['shape:a'] as Stormline).meta.stormline.authorName,
    ).toBe('Ada')
  })
})
