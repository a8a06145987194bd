import type { TLRecord, TLStore } from 'tldraw'
import { afterEach } from 'vitest'
import * as Y from 'yjs'
import { createBoardStore } from './test-records.ts'
import { createYjsStoreBinding, type YjsStoreBinding } from './yjs-store-binding.ts'

/**
 * Browsers for the binding's unit tests: a tldraw store bound to its own Y.Doc, synced with
 * others by hand (`relay`), disposed after each test of the file that imports this.
 */
export interface TestClient {
  store: TLStore
  doc: Y.Doc
  binding: YjsStoreBinding
  warnings: string[]
}

/** Origin of updates relayed between test docs, as the provider's would be. */
export const remoteOrigin = Symbol('remote peer')

const open: YjsStoreBinding[] = []
afterEach(() => {
  for (const binding of open.splice(0)) binding.dispose()
})

export function testClient({
  doc = new Y.Doc(),
  store = createBoardStore(),
  clientId,
}: {
  doc?: Y.Doc
  store?: TLStore
  clientId?: number
} = {}): TestClient {
  // Yjs decides same-field conflicts by client id; tests that expect a winner fix the ids.
  if (clientId !== undefined) doc.clientID = clientId
  const warnings: string[] = []
  const binding = createYjsStoreBinding(store, doc, { warn: (message) => warnings.push(message) })
  open.push(binding)
  return { store, doc, binding, warnings }
}

/** Applies everything `from` has that `to` lacks, the way the provider would. */
export function relay(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), remoteOrigin)
}

/** Brings every client's doc up to date with every other's. */
export function syncAll(...clients: readonly TestClient[]): void {
  for (const from of clients) for (const to of clients) if (from !== to) relay(from.doc, to.doc)
}

/**
 * Two loaded clients on one board: the first seeds it (plus `records`), the second loads it.
 * Client ids are fixed (1 and 2) unless given, so a same-field conflict has a known winner.
 */
export function connectedPair(
  records: readonly TLRecord[] = [],
  ids: readonly [number, number] = [1, 2],
): [TestClient, TestClient] {
  const a = testClient({ clientId: ids[0] })
  a.binding.loadInitial()
  if (records.length > 0) a.store.put([...records])
  // The starting board is not anyone's undo step.
  a.binding.undoManager.clear()
  const b = testClient({ clientId: ids[1] })
  relay(a.doc, b.doc)
  b.binding.loadInitial()
  return [a, b]
}

/** The store's document records as plain JSON, keyed by id. */
export function documentRecords(store: TLStore): Record<string, unknown> {
  return JSON.parse(JSON.stringify(store.serialize('document')))
}
