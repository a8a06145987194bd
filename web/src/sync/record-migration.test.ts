import { describe, expect, it } from 'vitest'
import { canReadBoard, migrateIncomingRecord, parseWriterSchema } from './record-migration.ts'
import { createBoardStore, noteRecord } from './test-records.ts'

const store = createBoardStore()
const schema = store.schema
const ownSchema = schema.serialize()

describe('migrateIncomingRecord', () => {
  it('accepts a valid record written with the same schema', () => {
    const note = noteRecord('a', 'Order placed')
    expect(migrateIncomingRecord(schema, note.id, note, ownSchema)).toEqual({
      ok: true,
      record: note,
    })
  })

  it('migrates a record written with an older schema (plain-text notes, before richText)', () => {
    const {
      richText: _richText,
      textLastEditedBy: _by,
      ...currentProps
    } = noteRecord('old', '').props
    const oldNote = {
      ...noteRecord('old', ''),
      props: { ...currentProps, fontSizeAdjustment: 0, text: 'Payment failed' },
    }
    const oldSchema = {
      ...ownSchema,
      sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': 8 },
    }
    const result = migrateIncomingRecord(schema, oldNote.id, oldNote, oldSchema)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const props = result.record.typeName === 'shape' ? (result.record.props as object) : {}
    expect(props).not.toHaveProperty('text')
    expect(props).toMatchObject({
      richText: noteRecord('x', 'Payment failed').props.richText,
      textLastEditedBy: null,
    })
  })

  it('rejects records that fail validation', () => {
    const broken = { ...noteRecord('b', 'x'), props: { color: 'not-a-colour' } }
    const result = migrateIncomingRecord(schema, broken.id, broken, ownSchema)
    expect(result).toMatchObject({ ok: false })
  })

  it('rejects unknown record types and shapes', () => {
    const unknownType = { id: 'sticker:1', typeName: 'sticker' }
    expect(migrateIncomingRecord(schema, 'sticker:1', unknownType, ownSchema)).toEqual({
      ok: false,
      reason: 'unknown typeName sticker',
    })
    const unknownShape = { ...noteRecord('c', 'x'), type: 'hotspot' }
    expect(migrateIncomingRecord(schema, unknownShape.id, unknownShape, ownSchema).ok).toBe(false)
  })

  it('rejects session and presence records, which must never come from the doc', () => {
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    expect(migrateIncomingRecord(schema, camera.id, camera, ownSchema)).toMatchObject({
      ok: false,
      reason: 'camera records are not document-scoped',
    })
  })

  it('rejects values that are not records or are filed under the wrong key', () => {
    expect(migrateIncomingRecord(schema, 'shape:x', 'text', ownSchema).ok).toBe(false)
    expect(migrateIncomingRecord(schema, 'shape:x', null, ownSchema).ok).toBe(false)
    const note = noteRecord('d', 'x')
    expect(migrateIncomingRecord(schema, 'shape:other', note, ownSchema).ok).toBe(false)
  })

  it('rejects records written by a newer schema it cannot migrate down', () => {
    const note = noteRecord('e', 'x')
    const newer = {
      ...ownSchema,
      sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': 999 },
    }
    expect(migrateIncomingRecord(schema, note.id, note, newer).ok).toBe(false)
  })
})

describe('parseWriterSchema', () => {
  it('accepts serialized schemas and rejects anything else', () => {
    expect(parseWriterSchema(ownSchema)).toBe(ownSchema)
    expect(parseWriterSchema({ sequences: {} })).toBeNull()
    expect(parseWriterSchema('v2')).toBeNull()
    expect(parseWriterSchema(undefined)).toBeNull()
  })
})

describe('canReadBoard', () => {
  const withNote = (version: number) => ({
    ...ownSchema,
    sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': version },
  })

  it('reads boards in its own or an older schema, and boards that state none', () => {
    expect(canReadBoard(ownSchema, ownSchema)).toBe(true)
    expect(canReadBoard(ownSchema, withNote(1))).toBe(true)
    expect(canReadBoard(ownSchema, null)).toBe(true)
    expect(canReadBoard(ownSchema, { schemaVersion: 1, storeVersion: 4, recordVersions: {} })).toBe(
      true,
    )
  })

  it('does not read a board stored by a newer tldraw (a sequence further along, or unknown)', () => {
    expect(canReadBoard(ownSchema, withNote(999))).toBe(false)
    const unknownSequence = {
      ...ownSchema,
      sequences: { ...ownSchema.sequences, 'com.example.sticker': 1 },
    }
    expect(canReadBoard(ownSchema, unknownSequence)).toBe(false)
  })
})
