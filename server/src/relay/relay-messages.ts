import { boardRoles } from '@stormline/shared/access/roles'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import type { BoardControl } from '../rooms/board-relay.ts'

/**
 * What nodes tell each other about a board over Redis (ADR 0014), one binary message per
 * publish: a version, the kind, the sending node, when it was sent (for the relay-lag metric),
 * then the kind's payload. Decoding never throws: a message it cannot read is null.
 */
export type RelayMessage =
  | { kind: 'update'; seq: number; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'awareness-query' }
  | { kind: 'private'; memberId: string; update: Uint8Array }
  | { kind: 'control'; control: BoardControl }

export interface RelayEnvelope {
  node: string
  /** Sender's clock, ms since the epoch. */
  sentAt: number
  message: RelayMessage
}

const formatVersion = 1
const kinds = ['update', 'awareness', 'awareness-query', 'private', 'control'] as const

const controlSchema: z.ZodType<BoardControl> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('roles-rotated'), roles: z.array(z.enum(boardRoles)).min(1) }),
  z.object({ kind: z.literal('board-deleted') }),
  z.object({
    kind: z.literal('grant'),
    memberId: z.string().min(1).max(64),
    grant: z.literal('co-facilitator').nullable(),
  }),
])

export function encodeRelayMessage(envelope: RelayEnvelope): Uint8Array {
  const encoder = encoding.createEncoder()
  const { message } = envelope
  encoding.writeVarUint(encoder, formatVersion)
  encoding.writeVarUint(encoder, kinds.indexOf(message.kind))
  encoding.writeVarString(encoder, envelope.node)
  encoding.writeFloat64(encoder, envelope.sentAt)
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'awareness-query':
      break
    case 'private':
      encoding.writeVarString(encoder, message.memberId)
      encoding.writeVarUint8Array(encoder, message.update)
      break
    case 'control':
      encoding.writeVarString(encoder, JSON.stringify(message.control))
      break
  }
  return encoding.toUint8Array(encoder)
}

export function decodeRelayMessage(bytes: Uint8Array): RelayEnvelope | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== formatVersion) return null
    const kind = kinds[decoding.readVarUint(decoder)]
    const node = decoding.readVarString(decoder)
    const sentAt = decoding.readFloat64(decoder)
    const message = readPayload(kind, decoder)
    if (!message || decoding.hasContent(decoder)) return null
    return { node, sentAt, message }
  } catch {
    return null
  }
}

function readPayload(
  kind: (typeof kinds)[number] | undefined,
  decoder: decoding.Decoder,
): RelayMessage | null {
  switch (kind) {
    case 'update':
      return {
        kind,
        seq: decoding.readVarUint(decoder),
        update: decoding.readVarUint8Array(decoder),
      }
    case 'awareness':
      return { kind, update: decoding.readVarUint8Array(decoder) }
    case 'awareness-query':
      return { kind }
    case 'private':
      return {
        kind,
        memberId: decoding.readVarString(decoder),
        update: decoding.readVarUint8Array(decoder),
      }
    case 'control': {
      const parsed = controlSchema.safeParse(JSON.parse(decoding.readVarString(decoder)))
      return parsed.success ? { kind, control: parsed.data } : null
    }
    default:
      return null
  }
}
