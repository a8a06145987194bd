import { CloseCode } from '@stormline/shared/sync/close-codes'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

/**
 * Hostile and broken websocket frames for the fuzz test. Frame `i` of a seed is
 * always the same bytes, whatever order the parallel sockets send them in, so
 * a failure names a seed and an index that reproduce it.
 */

export type FrameKind =
  | 'random'
  | 'truncated'
  | 'prefix-garbage'
  | 'huge-length'
  | 'unknown-type'
  | 'empty'
  | 'text'
  | 'text-invalid-utf8'
  | 'oversized'

export interface FuzzFrame {
  index: number
  kind: FrameKind
  data: Uint8Array | string
  /** False sends the bytes as a text frame. */
  binary: boolean
}

/** How the server may answer a frame: close with one of these codes, or (when listed) keep the socket. */
export interface Expected {
  codes: readonly number[]
  mayBeAccepted: boolean
}

const malformed = CloseCode.malformedMessage
/** A garbage update that decodes can still touch facilitator-only state once roles are enforced. */
const forbiddenEdit = CloseCode.forbiddenEdit
/** ...or write something into `records` that is not a valid tldraw record. */
const invalidRecord = CloseCode.invalidRecord

export const expectedOutcome: Record<FrameKind, Expected> = {
  // Random bytes can happen to be a valid message (an auth or awareness query is one byte).
  random: { codes: [malformed, forbiddenEdit, invalidRecord], mayBeAccepted: true },
  truncated: { codes: [malformed], mayBeAccepted: false },
  // A valid header followed by garbage can still decode, e.g. as an empty update.
  'prefix-garbage': { codes: [malformed, forbiddenEdit, invalidRecord], mayBeAccepted: true },
  'huge-length': { codes: [malformed], mayBeAccepted: false },
  'unknown-type': { codes: [malformed], mayBeAccepted: false },
  empty: { codes: [malformed], mayBeAccepted: false },
  text: { codes: [CloseCode.unsupportedData], mayBeAccepted: false },
  // The server skips UTF-8 validation so every text frame gets the same 1003 (not ws's 1007).
  'text-invalid-utf8': { codes: [CloseCode.unsupportedData], mayBeAccepted: false },
  oversized: { codes: [CloseCode.messageTooBig], mayBeAccepted: false },
}

/** Relative frequency of each kind; oversized frames are rare because each costs a frame's limit in bytes. */
const weights: ReadonlyArray<[FrameKind, number]> = [
  ['random', 20],
  ['truncated', 20],
  ['prefix-garbage', 22],
  ['huge-length', 12],
  ['unknown-type', 10],
  ['empty', 4],
  ['text', 5],
  ['text-invalid-utf8', 3],
  ['oversized', 4],
]
const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0)

export interface FrameFactory {
  frame(index: number): FuzzFrame
}

export function createFrameFactory(seed: number, maxMessageBytes: number): FrameFactory {
  const templates = validMessages()
  return {
    frame(index) {
      // Each index gets its own generator, so frames do not depend on send order.
      const gen = prng.create(seed ^ Math.imul(index + 1, 0x9e3779b1))
      const kind = pickKind(gen)
      const make = builders[kind]
      const { data, binary = true } = make(gen, templates, maxMessageBytes)
      return { index, kind, data, binary }
    },
  }
}

function pickKind(gen: prng.PRNG): FrameKind {
  let roll = prng.int32(gen, 0, totalWeight - 1)
  for (const [kind, weight] of weights) {
    if (roll < weight) return kind
    roll -= weight
  }
  return 'random'
}

type Builder = (
  gen: prng.PRNG,
  templates: readonly Uint8Array[],
  maxMessageBytes: number,
) => { data: Uint8Array | string; binary?: boolean }

const builders: Record<FrameKind, Builder> = {
  random: (gen) => ({ data: prng.uint8Array(gen, prng.int32(gen, 1, 300)) }),
  truncated: (gen, templates) => {
    const message = prng.oneOf(gen, [...templates])
    return { data: message.slice(0, prng.int32(gen, 1, message.length - 1)) }
  },
  'prefix-garbage': (gen, templates) => {
    const message = prng.oneOf(gen, [...templates])
    const roll = prng.int32(gen, 0, 9)
    if (roll === 0) {
      // An update whose counts are huge but whose outer length is right: reaches Yjs's decoder.
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, hugeNumber(gen))
      encoding.writeUint8Array(inner, prng.uint8Array(gen, prng.int32(gen, 0, 40)))
      return { data: frameOf([0, 2], encoding.toUint8Array(inner)) }
    }
    // Mostly a cut message with garbage after the cut; sometimes a whole one with garbage after it.
    const keep = roll === 1 ? message.length : prng.int32(gen, 1, message.length - 1)
    const garbage = prng.uint8Array(gen, prng.int32(gen, 1, 200))
    return { data: concat(message.slice(0, keep), garbage) }
  },
  'huge-length': (gen) => {
    const encoder = encoding.createEncoder()
    const shape = prng.int32(gen, 0, 3)
    if (shape === 3) {
      // More continuation bytes than a 53-bit integer has room for.
      for (const byte of [0, 2, ...new Array(prng.int32(gen, 8, 20)).fill(0xff), 1]) {
        encoding.writeUint8(encoder, byte)
      }
      return { data: encoding.toUint8Array(encoder) }
    }
    // sync update / sync step 1 / awareness, each claiming far more bytes than follow.
    const header = [[0, 2], [0, 0], [1]][shape] as number[]
    for (const value of header) encoding.writeVarUint(encoder, value)
    encoding.writeVarUint(encoder, hugeNumber(gen))
    encoding.writeUint8Array(encoder, prng.uint8Array(gen, prng.int32(gen, 0, 64)))
    return { data: encoding.toUint8Array(encoder) }
  },
  'unknown-type': (gen) => {
    const encoder = encoding.createEncoder()
    if (prng.bool(gen)) {
      // Message type past the four y-websocket defines (0 sync, 1 awareness, 2 auth, 3 query).
      encoding.writeVarUint(encoder, prng.int32(gen, 4, 1 << 30))
    } else {
      // A sync message of a sub-type past step 1, step 2 and update.
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, prng.int32(gen, 3, 1 << 30))
    }
    encoding.writeUint8Array(encoder, prng.uint8Array(gen, prng.int32(gen, 0, 64)))
    return { data: encoding.toUint8Array(encoder) }
  },
  empty: () => ({ data: new Uint8Array(0) }),
  text: (gen) => ({ data: prng.utf16String(gen, 200), binary: false }),
  'text-invalid-utf8': (gen) => ({
    // 0xff never occurs in UTF-8.
    data: concat(new Uint8Array([0xff]), prng.uint8Array(gen, prng.int32(gen, 0, 100))),
    binary: false,
  }),
  oversized: (gen, _templates, maxMessageBytes) => {
    const size = maxMessageBytes + prng.int32(gen, 1, 4096)
    // A sync-update header so it would look plausible if it got through; the rest is filler.
    const data = new Uint8Array(size).fill(prng.int32(gen, 0, 255))
    data.set([0, 2])
    return { data }
  },
}

function hugeNumber(gen: prng.PRNG): number {
  return prng.uint53(gen, 2 ** 20, Number.MAX_SAFE_INTEGER)
}

function frameOf(header: number[], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const value of header) encoding.writeVarUint(encoder, value)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * Well-formed messages of a client that edits like Stormline's (JSON records,
 * a nested type, a deletion), to cut and corrupt. Fixed client ids keep them
 * identical on every run.
 */
function validMessages(): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 424_242
  const records = doc.getMap<unknown>('records')
  doc.transact(() => {
    records.set('shape:fuzz-a', { typeName: 'shape', type: 'note', props: { text: 'alpha' } })
    records.set('shape:fuzz-b', { typeName: 'shape', type: 'note', props: { text: 'beta' } })
  })
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    const text = new Y.Text('context')
    records.set('shape:fuzz-c', text)
    text.insert(3, ' and more')
    records.delete('shape:fuzz-a')
  })
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'fuzzer', color: '#ff0000' }, cursor: { x: 1, y: 2 } })
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
  awareness.destroy()

  const step1 = encoding.createEncoder()
  encoding.writeVarUint(step1, 0)
  syncProtocol.writeSyncStep1(step1, doc)
  return [
    encoding.toUint8Array(step1),
    frameOf([0, 1], Y.encodeStateAsUpdate(doc)),
    frameOf([0, 2], Y.encodeStateAsUpdate(doc, before)),
    frameOf([1], awarenessUpdate),
  ]
}
