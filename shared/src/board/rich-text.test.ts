import { describe, expect, it } from 'vitest'
import { richTextToPlainText } from './rich-text.ts'

const doc = (...content: unknown[]) => ({ type: 'doc', content })
const p = (...content: unknown[]) => ({ type: 'paragraph', content })
const t = (text: string, marks?: unknown[]) => ({ type: 'text', text, ...(marks ? { marks } : {}) })

describe('richTextToPlainText', () => {
  it.each([
    ['a single paragraph', doc(p(t('Waiting for a VM'))), 'Waiting for a VM'],
    [
      'marked text runs',
      doc(p(t('Waiting '), t('two', [{ type: 'bold' }]), t(' weeks'))),
      'Waiting two weeks',
    ],
    ['two paragraphs', doc(p(t('First')), p(t('Second'))), 'First\nSecond'],
    ['a hard break', doc(p(t('One'), { type: 'hardBreak' }, t('Two'))), 'One\nTwo'],
    [
      'a bullet list',
      doc({
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(t('a'))] },
          { type: 'listItem', content: [p(t('b'))] },
        ],
      }),
      'a\nb',
    ],
    ['an empty document', doc(p()), ''],
    ['empty paragraphs between text', doc(p(t('a')), p(), p(t('b'))), 'a\nb'],
    ['collapsed whitespace', doc(p(t('  lots   of\tspace  '))), 'lots of space'],
    ['a legacy plain string', '  plain text ', 'plain text'],
    ['odd text: emoji, RTL, markup', doc(p(t('🔥 <b>deploy</b> שלום'))), '🔥 <b>deploy</b> שלום'],
  ])('reads %s', (_name, input, expected) => {
    expect(richTextToPlainText(input)).toBe(expected)
  })

  it.each([
    ['null', null],
    ['a number', 42],
    ['an array', [1, 2]],
    ['nodes without content', { type: 'doc' }],
    ['text nodes with non-string text', doc(p({ type: 'text', text: 5 }))],
  ])('returns empty text for %s', (_name, input) => {
    expect(richTextToPlainText(input)).toBe('')
  })

  it('stops at a hostile nesting depth instead of overflowing the stack', () => {
    let node: unknown = t('deep')
    for (let i = 0; i < 10_000; i++) node = { type: 'paragraph', content: [node] }
    expect(() => richTextToPlainText(node)).not.toThrow()
  })
})

describe('richTextToPlainText on one-paragraph notes', () => {
  it.each([
    ['runs with marks', doc(p(t('a  '), t('b', [{ type: 'bold' }]), t('\tc '))), 'a b c'],
    ['only blanks', doc(p(t('   '))), ''],
    ['a hard break among the runs', doc(p(t('One'), { type: 'hardBreak' }, t('Two'))), 'One\nTwo'],
    ['a run whose text is not a string', doc(p(t('a'), { type: 'text', text: 5 }, t('b'))), 'ab'],
    ['a line break inside a run', doc(p(t('one\ntwo'))), 'one two'],
  ])('reads %s as the general walk does', (_name, input, expected) => {
    expect(richTextToPlainText(input)).toBe(expected)
  })
})
