import { memberIdPattern } from '@stormline/shared/access/identity'
import * as encoding from 'lib0/encoding'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import { connectProvider, createBoard, synced, syncUrl, until } from './support/board-clients.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * Found while fuzzing: the server relays any awareness entry from any socket,
 * so a participant can rewrite another person's presence (name, colour,
 * cursor) just by using that person's awareness client id with a higher clock
 * — y-protocols even makes the victim's own client adopt the forged state.
 *
 * The room now binds awareness ids to the socket that announced them first.
 */

let server: ObservedServer | undefined
const providers: WebsocketProvider[] = []
const sockets: WebSocket[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  for (const socket of sockets) socket.close()
  await server?.dispose()
})

function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1) // one entry
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, 1) // awareness
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}

describe('presence', () => {
  it("cannot be rewritten by another participant's socket", async () => {
    server = await startObservedServer()
    const board = await createBoard(server.httpUrl, 'Presence')
    const victim = connectProvider(server.wsUrl, board)
    const watcher = connectProvider(server.wsUrl, board)
    providers.push(victim, watcher)
    victim.awareness.setLocalState({ user: { name: 'Ada' } })
    await Promise.all([synced(victim), synced(watcher)])
    const victimId = victim.doc.clientID
    await until(
      () => watcher.awareness.getStates().has(victimId),
      "the watcher to see Ada's presence",
    )

    const forger = new WebSocket(syncUrl(server.wsUrl, board))
    sockets.push(forger)
    await new Promise((resolve) => forger.once('open', resolve))
    const clock = (victim.awareness.meta.get(victimId)?.clock ?? 0) + 10
    forger.send(awarenessMessage(victimId, clock, { user: { name: 'Forged' } }))
    // A presence message from the forger's own id comes round after the forgery, so by then the
    // forgery was either relayed or dropped.
    forger.send(awarenessMessage(2 ** 42, 1, { user: { name: 'Forger' } }))
    await until(() => watcher.awareness.getStates().has(2 ** 42), "the forger's own presence")

    expect(watcher.awareness.getStates().get(victimId)).toEqual({
      user: { name: 'Ada' },
      role: 'participant',
      memberId: expect.stringMatching(memberIdPattern),
    })
    expect(victim.awareness.getLocalState()).toEqual({ user: { name: 'Ada' } })
  })
})
