import { atom, createUserId, type TLUser, UserRecordType } from 'tldraw'
import { afterEach } from 'vitest'
import { type BoardConnection, openBoardConnection } from './board-connection.ts'

/**
 * Board connections for unit tests: never connected (events are driven by hand) and disposed
 * after each test of the file that imports this.
 */
const open: BoardConnection[] = []
afterEach(() => {
  for (const connection of open.splice(0)) connection.dispose()
})

export function testConnection(): BoardConnection {
  const user = atom<TLUser | null>(
    'user',
    UserRecordType.create({ id: createUserId('me'), name: 'Me', color: '#1971c2' }),
  )
  const opened = openBoardConnection({
    boardId: 'AbCdEfGhIjKlMnOpQrStUv',
    syncUrl: 'ws://localhost:1/sync',
    user,
    connect: false,
  })
  open.push(opened)
  return opened
}
