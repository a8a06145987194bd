import { describe, expect, it } from 'vitest'
import { keyStaysInPanel } from './keys-stay-in-panel.ts'

const element = (tagName: string, attributes: string[] = [], isContentEditable = false) => ({
  tagName,
  isContentEditable,
  hasAttribute: (name: string) => attributes.includes(name),
})
const key = (
  k: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
})

describe('keys pressed in our panels', () => {
  it('keep Tab in the panel, whatever has the focus', () => {
    expect(keyStaysInPanel(key('Tab'), element('A', ['href']))).toBe(true)
    expect(keyStaysInPanel(key('Tab'), element('DIV'))).toBe(true)
  })

  it('keep plain keys on a link or a tabindex element away from the board', () => {
    for (const k of ['Delete', 'Backspace', 'Enter', ' ', 'ArrowRight']) {
      expect(keyStaysInPanel(key(k), element('A', ['href']))).toBe(true)
      expect(keyStaysInPanel(key(k), element('SPAN', ['tabindex']))).toBe(true)
    }
  })

  it('let the board have shortcuts with Ctrl, Cmd or Alt (Ctrl+Z after a click beside it)', () => {
    expect(keyStaysInPanel(key('z', { ctrlKey: true }), element('A', ['href']))).toBe(false)
    expect(keyStaysInPanel(key('z', { metaKey: true }), element('DIV'))).toBe(false)
  })

  it('leave to tldraw what it already leaves alone, and plain keys on no control', () => {
    expect(keyStaysInPanel(key('Delete'), element('BUTTON'))).toBe(false)
    expect(keyStaysInPanel(key('a'), element('INPUT'))).toBe(false)
    expect(keyStaysInPanel(key('a'), element('DIV', [], true))).toBe(false)
    expect(keyStaysInPanel(key('2'), element('DIV'))).toBe(false)
  })
})
