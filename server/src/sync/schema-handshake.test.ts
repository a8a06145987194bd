import { boardSchema } from '@stormline/shared/sync/board-schema'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { encodeSchemaParam } from '@stormline/shared/sync/schema-compat'
import { describe, expect, it } from 'vitest'
import { schemaHandshake } from './schema-handshake.ts'

const board = boardSchema.serialize()
const [firstSequence, firstVersion] = Object.entries(board.sequences).find(
  ([, version]) => version > 0,
) as [string, number]

describe('schemaHandshake (SCHEMA-1)', () => {
  it('lets in a client without a schema (a stock y-websocket client)', () => {
    expect(schemaHandshake(undefined, board)).toEqual({ kind: 'accept', client: 'stock' })
  })

  it("lets in a client with the board's schema", () => {
    expect(schemaHandshake(encodeSchemaParam(board), board)).toEqual({
      kind: 'accept',
      client: 'same',
    })
  })

  it('tells an older client to reload (4426)', () => {
    const older = { sequences: { ...board.sequences, [firstSequence]: firstVersion - 1 } }
    expect(schemaHandshake(encodeSchemaParam(older), board)).toMatchObject({
      kind: 'refuse',
      code: CloseCode.reloadRequired,
    })
    const { [firstSequence]: _missing, ...withoutOne } = board.sequences
    expect(schemaHandshake(encodeSchemaParam({ sequences: withoutOne }), board)).toMatchObject({
      code: CloseCode.reloadRequired,
    })
  })

  it('tells a newer client to try again later (1013, retried by stock clients)', () => {
    const newer = { sequences: { ...board.sequences, [firstSequence]: firstVersion + 1 } }
    expect(schemaHandshake(encodeSchemaParam(newer), board)).toMatchObject({
      kind: 'refuse',
      code: CloseCode.tryAgainLater,
    })
    const extra = { sequences: { ...board.sequences, 'com.example.shape.sparkle': 1 } }
    expect(schemaHandshake(encodeSchemaParam(extra), board)).toMatchObject({
      code: CloseCode.tryAgainLater,
    })
  })

  it.each([
    ['empty', ''],
    ['not JSON', '{sequences'],
    ['an array', '[1,2]'],
    ['a negative version', JSON.stringify({ 'com.tldraw.shape.note': -1 })],
    ['a non-number version', JSON.stringify({ 'com.tldraw.shape.note': '3' })],
  ])('tells a client whose schema is unreadable (%s) to reload (4426)', (_name, param) => {
    expect(schemaHandshake(param, board)).toMatchObject({
      kind: 'refuse',
      code: CloseCode.reloadRequired,
    })
  })
})
