import { richTextFromPlainForm } from '@stormline/shared/sync/rich-text-field'
import type { Editor } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { editorPosition, liveTextHook } from './live-text.ts'

const attrs = { docAttrs: { dir: 'auto' }, paragraphAttrs: { dir: 'auto' } }
const rich = (text: string) => richTextFromPlainForm({ text, ...attrs })

/** The part of tldraw's editor and its TipTap editor the hook uses, recording what it dispatches. */
function fakeEditor(editing: string | null, shown: string) {
  const edits: { text: string; from: number; to: number; history: unknown }[] = []
  const transaction = {
    edit: { text: '', from: 0, to: 0, history: undefined as unknown },
    insertText(text: string, from: number, to: number) {
      this.edit = { text, from, to, history: undefined }
      return this
    },
    setMeta(key: string, value: unknown) {
      if (key === 'addToHistory') this.edit.history = value
      return this
    },
  }
  const textEditor = {
    state: { doc: { toJSON: () => rich(shown) }, tr: transaction },
    view: { dispatch: (tr: typeof transaction) => edits.push(tr.edit) },
  }
  const editor = {
    getEditingShapeId: () => editing,
    getRichTextEditor: () => textEditor,
  } as unknown as Editor
  return { editor, edits }
}

describe('a peer’s text change while I type in the same sticky (MERGE-3)', () => {
  it('maps plain-text indexes to editor positions across paragraphs', () => {
    expect(editorPosition('middle', 0)).toBe(1)
    expect(editorPosition('middle', 6)).toBe(7)
    expect(editorPosition('ab\ncd', 3)).toBe(5)
    expect(editorPosition('ab\n\ncd', 5)).toBe(8)
  })

  it('applies it at the spot that changed, outside my undo history', () => {
    const { editor, edits } = fakeEditor('shape:s', 'waiting for')
    const applied = liveTextHook(editor)('shape:s', rich('waiting for'), rich('Teams waiting for'))
    expect(applied).toBe(true)
    expect(edits).toEqual([{ text: 'Teams ', from: 1, to: 1, history: false }])
  })

  it('applies a deletion on a later line', () => {
    const { editor, edits } = fakeEditor('shape:s', 'one\ntwo words')
    liveTextHook(editor)('shape:s', rich('one\ntwo words'), rich('one\ntwo'))
    expect(edits).toEqual([{ text: '', from: 9, to: 15, history: false }])
  })

  it('leaves it to tldraw for another sticky, a stale editor or a change across lines', () => {
    const other = fakeEditor('shape:other', 'a')
    expect(liveTextHook(other.editor)('shape:s', rich('a'), rich('ab'))).toBe(false)
    const stale = fakeEditor('shape:s', 'a typed')
    expect(liveTextHook(stale.editor)('shape:s', rich('a'), rich('ab'))).toBe(false)
    const lines = fakeEditor('shape:s', 'a')
    expect(liveTextHook(lines.editor)('shape:s', rich('a'), rich('a\nb'))).toBe(false)
    expect([...other.edits, ...stale.edits, ...lines.edits]).toEqual([])
  })
})
