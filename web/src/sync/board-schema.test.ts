import { boardSchemaSerialized } from '@stormline/shared/sync/board-schema'
import { describe, expect, it } from 'vitest'
import { testConnection } from './test-connection.ts'

describe('the board schema', () => {
  it("is the same in the browser's store as on the server", () => {
    // The store as board-connection.ts builds it (tldraw's shape utils plus ours): the server
    // validates and migrates records with the shared schema, so the two must never differ.
    const board = testConnection()
    expect(board.store.schema.serialize()).toEqual(boardSchemaSerialized)
  })
})
