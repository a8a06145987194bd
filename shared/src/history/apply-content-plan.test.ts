import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeCluster } from '../backlog/cluster-layout.ts'
import type { ClusterRecord } from '../backlog/clusters.ts'
import { docLayout } from '../sync/doc-layout.ts'
import {
  moveRecord,
  readRecord,
  stickyRecord,
  stickyText,
  writeRecord,
} from '../testing/board-records.ts'
import { applyContentPlan } from './apply-content-plan.ts'
import { countStickies, readBoardContent } from './board-content.ts'
import { planRestore } from './restore-plan.ts'
import { planUndo } from './undo-plan.ts'

const a = stickyRecord('shape:a', { text: 'Flaky tests', x: 0, y: 0 })
const b = stickyRecord('shape:b', { text: 'Slow approvals', kind: 'pain', x: 200, y: 0 })
const c = stickyRecord('shape:c', { text: 'New idea', x: 400, y: 0 })
const cluster: ClusterRecord = {
  id: 'cluster:1',
  name: 'Waiting',
  memberIds: ['shape:b'],
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'Ana',
  source: 'manual',
}

/** A peer's copy of a document (what a connected browser holds). */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** Exchanges what each side lacks, as the sync protocol would. */
function sync(x: Y.Doc, y: Y.Doc): void {
  Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)))
  Y.applyUpdate(x, Y.encodeStateAsUpdate(y, Y.encodeStateVector(x)))
}

function setText(doc: Y.Doc, id: string, text: string): void {
  const record = readRecord(doc, id)
  if (!record) throw new Error(`no ${id}`)
  const s = stickyRecord(id, { text })
  const next = { ...record, id, props: { ...(record.props as object), richText: s.props.richText } }
  writeRecord(doc, next)
}

/** A board at its checkpoint, then changed: a moved, b gone, c added, the cluster emptied. */
function boardAndCheckpoint(): { doc: Y.Doc; checkpoint: Y.Doc } {
  const checkpoint = new Y.Doc()
  writeRecord(checkpoint, a)
  writeRecord(checkpoint, b)
  checkpoint.getMap(docLayout.clusters).set(cluster.id, encodeCluster(cluster))
  const doc = copyOf(checkpoint)
  moveRecord(doc, 'shape:a', { x: 300, y: 120 })
  doc.getMap(docLayout.records).delete('shape:b')
  writeRecord(doc, c)
  doc.getMap(docLayout.clusters).delete(cluster.id)
  return { doc, checkpoint }
}

describe('applyContentPlan', () => {
  it('brings the board back to the checkpoint in one update', () => {
    const { doc, checkpoint } = boardAndCheckpoint()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    applyContentPlan(doc, planRestore(readBoardContent(doc), readBoardContent(checkpoint)))
    expect(updates).toHaveLength(1)
    expect(readBoardContent(doc)).toEqual(readBoardContent(checkpoint))
    expect(countStickies(readBoardContent(doc).records)).toBe(2)
  })

  it('writes only the fields that differ: a peer typing meanwhile keeps every character', () => {
    const { doc, checkpoint } = boardAndCheckpoint()
    const peer = copyOf(doc)
    // Concurrently: the peer types in sticky a, the server restores (moving a back).
    setText(peer, 'shape:a', 'Flaky tests on main')
    applyContentPlan(doc, planRestore(readBoardContent(doc), readBoardContent(checkpoint)))
    sync(doc, peer)
    for (const side of [doc, peer]) {
      expect(stickyText(readRecord(side, 'shape:a'))).toBe('Flaky tests on main')
      expect(readRecord(side, 'shape:a')).toMatchObject({ x: 0, y: 0 })
    }
  })

  it('undoes the restore but keeps an edit made after it, on every peer', () => {
    const { doc, checkpoint } = boardAndCheckpoint()
    const before = readBoardContent(doc)
    const restored = readBoardContent(checkpoint)
    applyContentPlan(doc, planRestore(before, restored))
    const peer = copyOf(doc)
    setText(peer, 'shape:b', 'Slow change approvals')
    sync(doc, peer)
    applyContentPlan(doc, planUndo(before, restored, readBoardContent(doc)))
    sync(doc, peer)
    for (const side of [doc, peer]) {
      const content = readBoardContent(side)
      // The restore's move of a and removal of c are undone; b, edited since, stays.
      expect(content.records['shape:a']).toMatchObject({ x: 300, y: 120 })
      expect(content.records['shape:c']).toEqual(before.records['shape:c'])
      expect(stickyText(content.records['shape:b'])).toBe('Slow change approvals')
      expect(content.clusters).toEqual({})
    }
  })
})
