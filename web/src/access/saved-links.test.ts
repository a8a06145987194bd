import { describe, expect, it } from 'vitest'
import type { KeyValueStorage } from '../participant/identity.ts'
import { missingRoles, readSavedLinks, savedLinksKey, saveLinks } from './saved-links.ts'

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  }
}

const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
const links = {
  facilitator: 'https://s.example/b/x?token=f',
  participant: 'https://s.example/b/x?token=p',
  viewer: 'https://s.example/b/x?token=v',
}

describe('saved links', () => {
  it('keeps a board’s links and merges a rotation over them', () => {
    const storage = memoryStorage()
    saveLinks(storage, boardId, links)
    expect(readSavedLinks(storage, boardId)).toEqual(links)
    const rotated = saveLinks(storage, boardId, { viewer: 'https://s.example/b/x?token=v2' })
    expect(rotated).toEqual({ ...links, viewer: 'https://s.example/b/x?token=v2' })
    expect(readSavedLinks(storage, 'OtherBoardIdOtherBoard')).toEqual({})
  })

  it('reads nothing useful from broken or missing storage', () => {
    const storage = memoryStorage()
    storage.items.set(savedLinksKey(boardId), '{"viewer": 3, "participant": "p"')
    expect(readSavedLinks(storage, boardId)).toEqual({})
    storage.items.set(savedLinksKey(boardId), '{"viewer": 3, "participant": "p"}')
    expect(readSavedLinks(storage, boardId)).toEqual({ participant: 'p' })
    expect(readSavedLinks(null, boardId)).toEqual({})
    expect(saveLinks(null, boardId, links)).toEqual(links)
  })

  it('names the roles whose links this browser does not know', () => {
    expect(missingRoles({})).toEqual(['facilitator', 'participant', 'viewer'])
    expect(missingRoles({ facilitator: 'f' })).toEqual(['participant', 'viewer'])
    expect(missingRoles(links)).toEqual([])
  })
})
