import { type TLNoteShape, type TLStore, toRichText } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { connectedPair, documentRecords, syncAll } from './test-clients.ts'
import { noteRecord, stickyRecord } from './test-records.ts'

/**
 * Concurrent edits of one sticky, in the style of Excalidraw's reconcile tests: two peers start
 * from the same board, each makes one change without seeing the other's, then they sync. Every
 * case runs twice with the peers swapped (who has the higher Yjs client id, whose change is
 * applied first on each side), and must end the same way both times (MERGE-1..3).
 */

type Sticky = TLNoteShape
type Change = (sticky: Sticky) => Sticky
type Expectation = (sticky: Sticky | undefined, changes: { a: Sticky; b: Sticky }) => void

const stickyId = 'shape:s' as Sticky['id']
const start = (): Sticky => stickyRecord('s', 'Order placed', { kind: 'step' })

const stormline = (sticky: Sticky) => sticky.meta.stormline as Record<string, unknown>
const withStormline = (sticky: Sticky, patch: Record<string, unknown>): Sticky => ({
  ...sticky,
  // The patch holds JSON only; tldraw types meta as JsonObject.
  meta: { ...sticky.meta, stormline: { ...stormline(sticky), ...patch } } as Sticky['meta'],
})
const withProps = (sticky: Sticky, patch: Partial<Sticky['props']>): Sticky => ({
  ...sticky,
  props: { ...sticky.props, ...patch },
})
const withText =
  (value: string): Change =>
  (s) =>
    withProps(s, { richText: toRichText(value) })

const moveTo =
  (x: number, y: number): Change =>
  (s) => ({ ...s, x, y })
const recolour =
  (color: Sticky['props']['color']): Change =>
  (s) =>
    withProps(s, { color })
const resize =
  (size: Sticky['props']['size']): Change =>
  (s) =>
    withProps(s, { size, scale: 2 })
const rotate =
  (rotation: number): Change =>
  (s) => ({ ...s, rotation })
const setKind =
  (kind: 'pain' | 'tech'): Change =>
  (s) =>
    withStormline(withProps(s, { color: kind === 'pain' ? 'red' : 'light-blue' }), { kind })

interface Case {
  name: string
  a: Change | 'delete'
  b: Change | 'delete'
  expect: Expectation
}

/** Fields a change wrote, read back from what it produced. */
const sameAs =
  (fields: Partial<Record<'a' | 'b', (s: Sticky) => unknown>>): Expectation =>
  (sticky, changes) => {
    expect(sticky).toBeDefined()
    for (const [peer, pick] of Object.entries(fields) as ['a' | 'b', (s: Sticky) => unknown][]) {
      expect(pick(sticky as Sticky)).toEqual(pick(changes[peer]))
    }
  }

const cases: Case[] = [
  {
    name: 'MERGE-1 A moves / B types: both kept',
    a: moveTo(400, 120),
    b: withText('Order placed online'),
    expect: sameAs({ a: (s) => [s.x, s.y], b: (s) => s.props.richText }),
  },
  {
    name: 'MERGE-1 A recolours / B resizes: both kept',
    a: recolour('violet'),
    b: resize('xl'),
    expect: sameAs({ a: (s) => s.props.color, b: (s) => [s.props.size, s.props.scale] }),
  },
  {
    name: 'MERGE-1 A sets meta.stormline.kind / B sets context: both kept',
    a: (s) => withStormline(s, { kind: 'question' }),
    b: (s) => withStormline(s, { context: 'Only on Mondays' }),
    expect: sameAs({ a: (s) => stormline(s).kind, b: (s) => stormline(s).context }),
  },
  {
    name: 'MERGE-1 A toggles deep-dive / B sets duration: both kept',
    a: (s) => withStormline(s, { needsDeepDive: true }),
    b: (s) => withStormline(s, { durationMinutes: 45 }),
    expect: sameAs({
      a: (s) => stormline(s).needsDeepDive,
      b: (s) => stormline(s).durationMinutes,
    }),
  },
  {
    name: 'MERGE-1 A rotates / B edits text: both kept',
    a: rotate(0.5),
    b: withText('Order placed twice'),
    expect: sameAs({ a: (s) => s.rotation, b: (s) => s.props.richText }),
  },
  {
    name: 'MERGE-1 A changes kind (colour and meta) / B moves: all kept',
    a: setKind('pain'),
    b: moveTo(-50, 300),
    expect: sameAs({
      a: (s) => [s.props.color, stormline(s).kind],
      b: (s) => [s.x, s.y],
    }),
  },
  {
    name: 'MERGE-1 A edits text / B changes kind: both kept',
    a: withText('Payment failed'),
    b: setKind('pain'),
    expect: sameAs({
      a: (s) => s.props.richText,
      b: (s) => [s.props.color, stormline(s).kind],
    }),
  },
  {
    name: 'MERGE-1 A locks / B fades: both kept',
    a: (s) => ({ ...s, isLocked: true }),
    b: (s) => ({ ...s, opacity: 0.5 }),
    expect: sameAs({ a: (s) => s.isLocked, b: (s) => s.opacity }),
  },
  {
    name: 'MERGE-2 both move: one position, the same on both peers',
    a: moveTo(100, 100),
    b: moveTo(900, 900),
    expect: (sticky, { a, b }) => {
      expect([
        [a.x, a.y],
        [b.x, b.y],
      ]).toContainEqual([sticky?.x, sticky?.y])
    },
  },
  {
    name: 'MERGE-2 both change kind: one kind, colour and meta from the same writer',
    a: setKind('pain'),
    b: setKind('tech'),
    expect: (sticky) => {
      const pair = [sticky?.props.color, sticky ? stormline(sticky).kind : undefined]
      expect([
        ['red', 'pain'],
        ['light-blue', 'tech'],
      ]).toContainEqual(pair)
    },
  },
  {
    name: 'MERGE-2 A deletes / B edits: deleted on both',
    a: 'delete',
    b: withText('Edited after all'),
    expect: (sticky) => expect(sticky).toBeUndefined(),
  },
  {
    name: 'MERGE-2 A deletes / B moves: deleted on both',
    a: 'delete',
    b: moveTo(1, 2),
    expect: (sticky) => expect(sticky).toBeUndefined(),
  },
  {
    name: 'MERGE-3 both type in the same text at different positions: both kept',
    a: withText('New order placed'),
    b: withText('Order placed!'),
    expect: (sticky) => expect(sticky?.props.richText).toEqual(toRichText('New order placed!')),
  },
  {
    name: 'MERGE-3 both type at the same position: both kept, in one order on both peers',
    a: withText('Order placed A'),
    b: withText('Order placed B'),
    expect: (sticky) =>
      // Each inserted " A" / " B" after "placed"; Yjs orders the two runs by client id.
      expect([toRichText('Order placed A B'), toRichText('Order placed B A')]).toContainEqual(
        sticky?.props.richText,
      ),
  },
  {
    name: 'MERGE-3 one adds a line / the other edits the first: both kept',
    a: withText('Order placed\nby phone'),
    b: withText('Orders placed'),
    expect: (sticky) =>
      expect(sticky?.props.richText).toEqual(toRichText('Orders placed\nby phone')),
  },
  {
    name: 'MERGE-3 one deletes a word / the other types elsewhere: both kept',
    a: withText('Order'),
    b: withText('New Order placed'),
    expect: (sticky) => expect(sticky?.props.richText).toEqual(toRichText('New Order')),
  },
]

function apply(store: TLStore, change: Change | 'delete'): Sticky | undefined {
  if (change === 'delete') {
    store.remove([stickyId])
    return undefined
  }
  const next = change(store.get(stickyId) as Sticky)
  store.put([next])
  return next
}

describe('merge table', () => {
  describe.each([
    ['A on the lower client id', [1, 2] as const],
    ['A on the higher client id', [2, 1] as const],
  ])('%s', (_order, ids) => {
    it.each(cases)('$name', ({ a, b, expect: check }) => {
      const [peerA, peerB] = connectedPair([start(), noteRecord('other', 'Untouched')], ids)
      const before = start()
      const changedA = apply(peerA.store, a) ?? before
      const changedB = apply(peerB.store, b) ?? before
      syncAll(peerA, peerB)
      for (const peer of [peerA, peerB]) {
        check(peer.store.get(stickyId) as Sticky | undefined, { a: changedA, b: changedB })
        expect(peer.warnings).toEqual([])
      }
      expect(documentRecords(peerA.store)).toEqual(documentRecords(peerB.store))
    })
  })

  it('MERGE-2 the same-field winner is the same whichever peer receives first', () => {
    const results = ([true, false] as const).map((aFirst) => {
      const [peerA, peerB] = connectedPair([start()])
      apply(peerA.store, moveTo(100, 100))
      apply(peerB.store, moveTo(900, 900))
      if (aFirst) syncAll(peerA, peerB)
      else syncAll(peerB, peerA)
      return (peerA.store.get(stickyId) as Sticky).x
    })
    expect(results[0]).toBe(results[1])
  })
})
