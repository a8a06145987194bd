import { describe, expect, it } from 'vitest'
import { shareUnchanged } from './structural-sharing.ts'

const richText = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }],
}
const current = {
  id: 'shape:a',
  x: 1,
  y: 2,
  props: { color: 'red', richText },
  meta: { stormline: { kind: 'pain' } },
}

describe('shareUnchanged', () => {
  it('keeps the identity of every part a remote move did not change', () => {
    const next = JSON.parse(JSON.stringify({ ...current, x: 50 })) as typeof current
    const shared = shareUnchanged(current, next)
    expect(shared).toEqual(next)
    expect(shared).not.toBe(current)
    expect(shared.props).toBe(current.props)
    expect(shared.props.richText).toBe(richText)
    expect(shared.meta).toBe(current.meta)
  })

  it('returns the current record itself when nothing changed', () => {
    const copy = JSON.parse(JSON.stringify(current)) as typeof current
    expect(shareUnchanged(current, copy)).toBe(current)
  })

  it('takes a changed text and keeps the unchanged colour', () => {
    const next = JSON.parse(JSON.stringify(current)) as typeof current
    next.props.richText.content[0] = {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Hello' }],
    }
    const shared = shareUnchanged(current, next)
    expect(shared.props.richText).toEqual(next.props.richText)
    expect(shared.props).not.toBe(current.props)
    expect(shared.meta).toBe(current.meta)
  })

  it('notices a removed field', () => {
    const { meta: _meta, ...rest } = current
    expect(shareUnchanged<Record<string, unknown>>(current, rest)).toEqual(rest)
  })
})
