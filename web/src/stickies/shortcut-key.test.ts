import { describe, expect, it } from 'vitest'
import { type ShortcutContext, type ShortcutKeyEvent, shortcutKind } from './shortcut-key.ts'

function key(key: string, code: string, extra: Partial<ShortcutKeyEvent> = {}): ShortcutKeyEvent {
  return {
    key,
    code,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    repeat: false,
    isComposing: false,
    ...extra,
  }
}

const idle: ShortcutContext = {
  editorFocused: true,
  readonly: false,
  editingText: false,
  menuOpen: false,
  targetTakesText: false,
}

describe('shortcutKind', () => {
  it('maps the digits 1 to 6 to the six kinds', () => {
    const kinds = ['1', '2', '3', '4', '5', '6'].map((d) => shortcutKind(key(d, `Digit${d}`), idle))
    expect(kinds).toEqual(['step', 'pain', 'tech', 'time', 'team', 'question'])
  })

  it('takes the number pad too', () => {
    expect(shortcutKind(key('4', 'Numpad4'), idle)).toBe('time')
  })

  it('takes the digit row on layouts where it types other characters', () => {
    expect(shortcutKind(key('é', 'Digit2'), idle)).toBe('pain')
  })

  it('leaves other keys alone', () => {
    expect(shortcutKind(key('7', 'Digit7'), idle)).toBeNull()
    expect(shortcutKind(key('n', 'KeyN'), idle)).toBeNull()
  })

  it('leaves modified and repeated digits to tldraw', () => {
    expect(shortcutKind(key('!', 'Digit1', { shiftKey: true }), idle)).toBeNull()
    expect(shortcutKind(key('1', 'Digit1', { ctrlKey: true }), idle)).toBeNull()
    expect(shortcutKind(key('1', 'Digit1', { metaKey: true }), idle)).toBeNull()
    expect(shortcutKind(key('1', 'Digit1', { altKey: true }), idle)).toBeNull()
    expect(shortcutKind(key('1', 'Digit1', { repeat: true }), idle)).toBeNull()
    expect(shortcutKind(key('1', 'Digit1', { isComposing: true }), idle)).toBeNull()
  })

  it('never takes digits typed into text', () => {
    const digit = key('1', 'Digit1')
    expect(shortcutKind(digit, { ...idle, editingText: true })).toBeNull()
    expect(shortcutKind(digit, { ...idle, targetTakesText: true })).toBeNull()
  })

  it('needs a focused, writable editor without open menus', () => {
    const digit = key('1', 'Digit1')
    expect(shortcutKind(digit, { ...idle, editorFocused: false })).toBeNull()
    expect(shortcutKind(digit, { ...idle, readonly: true })).toBeNull()
    expect(shortcutKind(digit, { ...idle, menuOpen: true })).toBeNull()
  })
})
