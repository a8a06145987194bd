import { describe, expect, it } from 'vitest'
import {
  plainFormOf,
  plainTextFromRichText,
  richTextFromPlainForm,
  richTextFromPlainText,
  spliceToReach,
  textSplice,
} from './rich-text-field.ts'

describe('rich text as plain text (MERGE-3)', () => {
  it.each([
    ['one line', 'Release needs CAB approval'],
    ['several lines and blank ones', 'first\n\nthird\n'],
    ['empty', ''],
    ['emoji and accents', 'Déploiement 🚀 bloqué'],
  ])('round-trips %s exactly', (_name, text) => {
    const doc = richTextFromPlainText(text)
    expect(plainTextFromRichText(doc)).toBe(text)
  })

  it('round-trips what tldraw’s editor writes: `dir` attributes on the document and paragraphs', () => {
    const typed = {
      type: 'doc',
      attrs: { dir: 'auto' },
      content: [
        { type: 'paragraph', attrs: { dir: 'auto' }, content: [{ type: 'text', text: 'Release' }] },
        { type: 'paragraph', attrs: { dir: 'auto' } },
        { type: 'paragraph', attrs: { dir: 'auto' }, content: [{ type: 'text', text: 'CAB' }] },
      ],
    }
    const form = plainFormOf(typed)
    expect(form).toEqual({
      text: 'Release\n\nCAB',
      docAttrs: { dir: 'auto' },
      paragraphAttrs: { dir: 'auto' },
    })
    expect(form && richTextFromPlainForm(form)).toEqual(typed)
  })

  it('keeps paragraphs with different attributes out of the plain form', () => {
    const mixed = {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { dir: 'auto' }, content: [{ type: 'text', text: 'a' }] },
        { type: 'paragraph', attrs: { dir: 'rtl' }, content: [{ type: 'text', text: 'b' }] },
      ],
    }
    expect(plainFormOf(mixed)).toBeNull()
  })

  it('keeps formatted text out of the plain form, so nothing of it is lost', () => {
    const bold = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'bold' }] }] },
      ],
    }
    const list = { type: 'doc', content: [{ type: 'bulletList', content: [] }] }
    const heading = {
      type: 'doc',
      content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }],
    }
    for (const richText of [bold, list, heading, null, 'text', { type: 'doc', content: [] }]) {
      expect(plainTextFromRichText(richText)).toBeNull()
    }
  })
})

describe('text splices', () => {
  it.each([
    [
      'insert in the middle',
      'Release CAB',
      'Release needs CAB',
      { index: 8, deleteCount: 0, insert: 'needs ' },
    ],
    ['delete at the end', 'abcdef', 'abc', { index: 3, deleteCount: 3, insert: '' }],
    ['replace', 'abcdef', 'abXYef', { index: 2, deleteCount: 2, insert: 'XY' }],
    ['no change', 'same', 'same', { index: 4, deleteCount: 0, insert: '' }],
  ])('%s', (_name, from, to, expected) => {
    const splice = textSplice(from, to)
    expect(splice).toEqual(expected)
    expect(
      from.slice(0, splice.index) + splice.insert + from.slice(splice.index + splice.deleteCount),
    ).toBe(to)
  })

  it('never splits a surrogate pair', () => {
    // Two emoji sharing their first UTF-16 unit.
    const splice = textSplice('a😀b', 'a😁b')
    expect(splice.index).toBe(1)
    expect(splice.insert).toBe('😁')
  })

  it('does nothing when the shared text already is what the local edit reached', () => {
    expect(spliceToReach('start middle end', 'middle end', 'start middle end')).toEqual({
      index: 16,
      deleteCount: 0,
      insert: '',
    })
  })

  it('re-bases a local edit on text a peer changed elsewhere meanwhile', () => {
    // Local: "needs" typed into "Release CAB"; meanwhile a peer appended " approval".
    const splice = spliceToReach('Release CAB approval', 'Release CAB', 'Release needs CAB')
    const current = 'Release CAB approval'
    const result =
      current.slice(0, splice.index) +
      splice.insert +
      current.slice(splice.index + splice.deleteCount)
    expect(result).toBe('Release needs CAB approval')
  })
})
