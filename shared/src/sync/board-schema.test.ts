import { describe, expect, it } from 'vitest'
import { boardSchema, boardSchemaSerialized } from './board-schema.ts'

describe('boardSchema', () => {
  it("knows tldraw's default shapes, the arrow binding and the timeline", () => {
    const sequences = Object.keys(boardSchemaSerialized.sequences)
    for (const shape of ['note', 'geo', 'arrow', 'text', 'frame', 'timeline']) {
      expect(sequences).toContain(`com.tldraw.shape.${shape}`)
    }
    expect(sequences).toContain('com.tldraw.binding.arrow')
  })

  it('scopes board content to the document and the camera to the session', () => {
    expect(boardSchema.types.shape.scope).toBe('document')
    expect(boardSchema.types.page.scope).toBe('document')
    expect(boardSchema.types.camera.scope).toBe('session')
  })
})
