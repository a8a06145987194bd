import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeCluster } from '../backlog/cluster-layout.ts'
import { docLayout } from '../sync/doc-layout.ts'
import { pageRecord, stickyRecord, writeRecord } from '../testing/board-records.ts'
import { countStickies, readBoardContent } from './board-content.ts'

const signed = stickyRecord('shape:a', { text: 'Mine', authorId: 'm1', authorName: 'Ada' })
const cluster = {
  id: 'cluster:1',
  name: 'Waiting',
  memberIds: ['shape:a'],
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'm1',
  source: 'manual' as const,
}

function board(): Y.Doc {
  const doc = new Y.Doc()
  writeRecord(doc, pageRecord)
  writeRecord(doc, signed)
  doc.getMap(docLayout.clusters).set(cluster.id, encodeCluster(cluster))
  doc.getMap(docLayout.suggestionDecisions).set('k', 'rejected')
  // Never part of what history restores.
  doc.getMap(docLayout.votes).set('m1', { dots: 3 })
  doc.getMap(docLayout.session).set('step', 'vote')
  return doc
}

describe('readBoardContent', () => {
  it('reads records, clusters (as their readers see them) and suggestion decisions, nothing else', () => {
    const content = readBoardContent(board())
    expect(Object.keys(content).sort()).toEqual(['clusters', 'records', 'suggestionDecisions'])
    expect(Object.keys(content.records).sort()).toEqual(['page:page', 'shape:a'])
    expect(content.clusters).toEqual({ 'cluster:1': cluster })
    expect(content.suggestionDecisions).toEqual({ k: 'rejected' })
    expect(countStickies(content.records)).toBe(1)
  })
})
