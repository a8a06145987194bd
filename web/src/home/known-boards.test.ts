import { defaultBoardName } from '@stormline/shared/api/types'
import { describe, expect, it } from 'vitest'
import {
  boardForgotten,
  boardOpened,
  boardRefreshed,
  type KnownBoardsStorage,
  knownBoardsKey,
  maxKnownBoards,
  parseKnownBoards,
  readKnownBoards,
} from './known-boards.ts'

function memoryStorage(): KnownBoardsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

const retro = 'AbCdEfGhIjKlMnOpQrStUv'
const mapping = 'ZyXwVuTsRqPoNmLkJiHgFe'
const planning = 'planning_board-id_0001'

describe('known boards', () => {
  it('puts the board opened last on top, with the name and role the server gave', () => {
    const storage = memoryStorage()
    boardOpened(storage, { id: retro, name: 'Retro', role: 'facilitator' }, 1_000)
    boardOpened(storage, { id: mapping, name: 'Mapping', role: 'participant' }, 2_000)
    expect(readKnownBoards(storage).map((board) => board.id)).toEqual([mapping, retro])

    // Reopened later, as a viewer this time (say, the viewer link of a board one facilitates).
    boardOpened(storage, { id: retro, name: 'Retro (Q3)', role: 'viewer' }, 3_000)
    expect(readKnownBoards(storage)).toEqual([
      { id: retro, name: 'Retro (Q3)', role: 'viewer', openedAt: 3_000 },
      { id: mapping, name: 'Mapping', role: 'participant', openedAt: 2_000 },
    ])
  })

  it('refreshes a listed board in place and never adds one', () => {
    const storage = memoryStorage()
    boardOpened(storage, { id: retro, name: 'Retro', role: 'participant' }, 1_000)
    boardOpened(storage, { id: mapping, name: 'Mapping', role: 'facilitator' }, 2_000)
    boardRefreshed(storage, retro, { name: 'Renamed', role: 'facilitator' })
    expect(readKnownBoards(storage)).toEqual([
      { id: mapping, name: 'Mapping', role: 'facilitator', openedAt: 2_000 },
      { id: retro, name: 'Renamed', role: 'facilitator', openedAt: 1_000 },
    ])
    boardRefreshed(storage, planning, { name: 'Never opened here' })
    expect(readKnownBoards(storage).map((board) => board.id)).toEqual([mapping, retro])
  })

  it('forgets a board, and leaves no key behind once the list is empty', () => {
    const storage = memoryStorage()
    boardOpened(storage, { id: retro, name: 'Retro', role: 'facilitator' }, 1_000)
    boardOpened(storage, { id: mapping, name: 'Mapping', role: 'viewer' }, 2_000)
    expect(boardForgotten(storage, mapping).map((board) => board.id)).toEqual([retro])
    expect(boardForgotten(storage, planning).map((board) => board.id)).toEqual([retro])
    expect(boardForgotten(storage, retro)).toEqual([])
    expect(storage.items.has(knownBoardsKey)).toBe(false)
  })

  it('keeps the most recent boards when there are too many', () => {
    const storage = memoryStorage()
    for (let i = 0; i <= maxKnownBoards; i++) {
      boardOpened(
        storage,
        { id: `board-${String(i).padStart(17, '0')}`, name: `B${i}`, role: 'viewer' },
        i,
      )
    }
    const boards = readKnownBoards(storage)
    expect(boards).toHaveLength(maxKnownBoards)
    expect(boards[0]?.name).toBe(`B${maxKnownBoards}`)
    expect(boards.some((board) => board.name === 'B0')).toBe(false)
  })

  it('reads what it can from corrupt storage, entry by entry', () => {
    expect(parseKnownBoards(null)).toEqual([])
    expect(parseKnownBoards('{not json')).toEqual([])
    expect(parseKnownBoards('{"id": "x"}')).toEqual([])
    expect(parseKnownBoards('null')).toEqual([])
    const mixed = JSON.stringify([
      null,
      'a string',
      { id: retro, name: 'Retro', role: 'facilitator', openedAt: 5 },
      { id: 'not an id!', name: 'Bad id', role: 'viewer', openedAt: 6 },
      { id: mapping, name: 'Bad role', role: 'owner', openedAt: 7 },
      { id: mapping, name: 'No time', role: 'viewer' },
      { id: planning, name: '', role: 'participant', openedAt: 4 },
      // The same board twice (two tabs raced): the later opening wins.
      { id: retro, name: 'Retro again', role: 'viewer', openedAt: 9 },
    ])
    expect(parseKnownBoards(mixed)).toEqual([
      { id: retro, name: 'Retro again', role: 'viewer', openedAt: 9 },
      { id: planning, name: defaultBoardName, role: 'participant', openedAt: 4 },
    ])
  })

  it('carries on without storage, or with storage that throws', () => {
    expect(readKnownBoards(null)).toEqual([])
    expect(boardOpened(null, { id: retro, name: 'Retro', role: 'viewer' }, 1)).toEqual([
      { id: retro, name: 'Retro', role: 'viewer', openedAt: 1 },
    ])
    const blocked: KnownBoardsStorage = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('full')
      },
    }
    expect(readKnownBoards(blocked)).toEqual([])
    expect(boardOpened(blocked, { id: retro, name: 'Retro', role: 'viewer' }, 1)).toHaveLength(1)
    expect(boardForgotten(blocked, retro)).toEqual([])
  })
})
