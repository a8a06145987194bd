import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import type * as Y from 'yjs'
import { waitUntil } from '../stats.ts'
import { gridPosition, pageRecord, stickyRecord } from './sticky-record.ts'

const recordsOf = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.records)

/**
 * Adds stickies [from, to) to a board, one transaction (one update) each, as people add them in a
 * workshop; yields to the event loop every `yieldEvery` stickies so the socket keeps draining.
 * Records are written in layout v2 (one record map each), as the web app writes them.
 */
export async function addStickies(
  doc: Y.Doc,
  from: number,
  to: number,
  yieldEvery = 200,
): Promise<void> {
  const records = recordsOf(doc)
  if (!records.has(pageRecord.id)) records.set(pageRecord.id, encodeRecord(pageRecord))
  for (let n = from; n < to; n++) {
    const record = stickyRecord({ n, ...gridPosition(n) })
    doc.transact(() => records.set(record.id, encodeRecord(record)))
    if ((n - from) % yieldEvery === yieldEvery - 1) await new Promise((r) => setImmediate(r))
  }
}

/** All stickies in one transaction: a board imported or pasted in one go. */
export function addStickiesAtOnce(doc: Y.Doc, count: number): void {
  const records = recordsOf(doc)
  doc.transact(() => {
    records.set(pageRecord.id, encodeRecord(pageRecord))
    for (let n = 0; n < count; n++) {
      const record = stickyRecord({ n, ...gridPosition(n) })
      records.set(record.id, encodeRecord(record))
    }
  })
}

/** Waits until a doc holds `count` stickies (plus the page record). */
export async function waitForStickies(
  doc: Y.Doc,
  count: number,
  timeoutMs = 120_000,
): Promise<void> {
  const ok = await waitUntil(() => recordsOf(doc).size >= count + 1, timeoutMs, 25)
  if (!ok)
    throw new Error(
      `board has ${recordsOf(doc).size - 1} of ${count} stickies after ${timeoutMs} ms`,
    )
}
