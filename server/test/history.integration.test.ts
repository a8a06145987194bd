import type { BoardRole } from '@stormline/shared/access/roles'
import type { CreatedBoard } from '@stormline/shared/api/types'
import type {
  CheckpointContent,
  CheckpointCreated,
  CheckpointList,
  HistoryRefused,
  RestoreDone,
  UndoDone,
} from '@stormline/shared/history/history-api'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import {
  moveRecord,
  pageRecord,
  readRecord,
  stickyRecord,
  stickyText,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type Cluster, startCluster } from './support/cluster.ts'
import { postOnOwnConnection } from './support/own-connection.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  eventually,
  newMember,
  type StockClient,
  StockClients,
  synced,
} from './support/stock-clients.ts'

/**
 * Board history through the API (ADR 0015), with people on the board as stock y-websocket
 * clients: a named checkpoint, changes, the checkpoint viewed as it was, a restore everyone sees
 * live, an edit after it, an undo that keeps that edit, automatic checkpoints with retention, and
 * all of it still there after a restart.
 */

// Automatic checkpoints every 0.6 s of activity, and only the newest two kept.
const env = { HISTORY_AUTO_MINUTES: '0.01', HISTORY_KEEP_AUTO: '2' }

let server: ServerProcess
let clients: StockClients

beforeAll(async () => {
  server = await startServer({ env })
  clients = new StockClients(server)
})

afterAll(async () => {
  clients.destroyAll()
  await server.dispose()
})

async function person(board: CreatedBoard, role: BoardRole): Promise<StockClient> {
  const me = await newMember(server, board, role)
  const client = clients.connect(board, role, { credential: me.credential })
  await synced(client)
  return client
}

function api(
  board: CreatedBoard,
  path: string,
  role: BoardRole,
  init: { method?: string; body?: unknown; on?: Pick<ServerProcess, 'httpUrl'> } = {},
): Promise<Response> {
  return fetch(boardUrl(init.on ?? server, board, `/history${path}`, role), {
    method: init.method ?? 'GET',
    ...(init.body !== undefined
      ? {
          headers: { 'content-type': 'application/json' },
          body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        }
      : {}),
  })
}

async function json<T>(response: Response, status: number): Promise<T> {
  const body = (await response.json()) as T
  expect({ status: response.status, body }).toMatchObject({ status })
  return body
}

const ids = (doc: Y.Doc): string[] =>
  [...doc.getMap<unknown>(docLayout.records).keys()].filter((id) => id.startsWith('shape:')).sort()
const position = (doc: Y.Doc, id: string) => {
  const record = readRecord(doc, id)
  return record ? { x: record.x, y: record.y } : null
}
const text = (doc: Y.Doc, id: string) => stickyText(readRecord(doc, id))

function retype(doc: Y.Doc, id: string, to: string): void {
  const record = readRecord(doc, id)
  if (!record) throw new Error(`no ${id}`)
  const next = {
    ...record,
    id,
    props: { ...(record.props as object), richText: stickyRecord(id, { text: to }).props.richText },
  }
  writeRecord(doc, next)
}

const a = stickyRecord('shape:a', { text: 'Flaky tests', x: 0, y: 0 })
const b = stickyRecord('shape:b', {
  text: 'Slow approvals',
  kind: 'pain',
  x: 200,
  y: 0,
  index: 'a2',
})
const c = stickyRecord('shape:c', { text: 'New idea', x: 400, y: 0, index: 'a3' })

describe('board history', () => {
  it('names a checkpoint, shows it as it was, restores it live and undoes the restore keeping later edits', async () => {
    const board = await createBoard(server)
    const fay = await person(board, 'facilitator')
    const ada = await person(board, 'participant')
    const bea = await person(board, 'participant')
    fay.doc.transact(() => {
      writeRecord(fay.doc, pageRecord)
      writeRecord(fay.doc, a)
      writeRecord(fay.doc, b)
    })
    // Stored before relayed: once Bea has them, the server holds them.
    await eventually(() => ids(bea.doc).length === 2, 'the first stickies')

    const created = await json<CheckpointCreated>(
      await api(board, '', 'participant', { method: 'POST', body: { name: '  Before lunch ' } }),
      201,
    )
    expect(created.checkpoint).toMatchObject({
      kind: 'named',
      name: 'Before lunch',
      stickyCount: 2,
    })
    const named = created.checkpoint.id
    const listed = await json<CheckpointList>(await api(board, '', 'viewer'), 200)
    expect(listed.checkpoints.filter((cp) => cp.kind === 'named')).toEqual([created.checkpoint])
    expect(listed.retention).toEqual({ keepAuto: 2, keepDays: 30 })

    // Ada moves a, deletes b and adds c.
    moveRecord(ada.doc, 'shape:a', { x: 300, y: 120 })
    ada.doc.getMap(docLayout.records).delete('shape:b')
    writeRecord(ada.doc, c)
    await eventually(
      () => ids(bea.doc).join() === 'shape:a,shape:c' && position(bea.doc, 'shape:a')?.x === 300,
      'Ada’s changes',
    )

    // Anyone with access sees the checkpoint as it was.
    const view = await json<CheckpointContent>(await api(board, `/${named}`, 'viewer'), 200)
    expect(Object.keys(view.records).sort()).toEqual(['page:page', 'shape:a', 'shape:b'])
    expect(view.records['shape:a']).toMatchObject({ x: 0, y: 0 })
    expect(view.checkpoint.id).toBe(named)

    // Only the facilitator restores.
    for (const role of ['viewer', 'participant'] as const) {
      const refused = await json<HistoryRefused>(
        await api(board, `/${named}/restore`, role, { method: 'POST' }),
        403,
      )
      expect(refused.error.code).toBe('forbidden')
    }
    expect((await api(board, '', 'viewer', { method: 'POST', body: { name: 'x' } })).status).toBe(
      403,
    )

    const restored = await json<RestoreDone>(
      await api(board, `/${named}/restore`, 'facilitator', { method: 'POST' }),
      200,
    )
    expect(restored).toMatchObject({ restored: { id: named }, changed: 3 })
    // Everyone connected sees the board as it was, live.
    for (const client of [ada, bea, fay]) {
      await eventually(
        () =>
          ids(client.doc).join() === 'shape:a,shape:b' && position(client.doc, 'shape:a')?.x === 0,
        'the restored board',
      )
    }
    expect(text(ada.doc, 'shape:b')).toBe('Slow approvals')
    const afterRestore = await json<CheckpointList>(await api(board, '', 'viewer'), 200)
    expect(
      afterRestore.checkpoints.find((cp) => cp.id === restored.undoCheckpointId),
    ).toMatchObject({
      kind: 'before-restore',
      restoredFrom: named,
      undone: false,
      stickyCount: 2,
    })

    // Bea then edits the text of a restored sticky.
    retype(bea.doc, 'shape:a', 'Flaky e2e tests')
    await eventually(() => text(ada.doc, 'shape:a') === 'Flaky e2e tests', 'Bea’s edit')

    const undone = await json<UndoDone>(
      await api(board, `/${restored.undoCheckpointId}/undo`, 'facilitator', { method: 'POST' }),
      200,
    )
    expect(undone.changed).toBe(3)
    // The restore's changes are set back (a moved again, b gone, c back); Bea's edit stays.
    for (const client of [ada, bea, fay]) {
      await eventually(
        () =>
          ids(client.doc).join() === 'shape:a,shape:c' &&
          position(client.doc, 'shape:a')?.x === 300,
        'the undone restore',
      )
      expect(text(client.doc, 'shape:a')).toBe('Flaky e2e tests')
    }

    const again = await json<HistoryRefused>(
      await api(board, `/${restored.undoCheckpointId}/undo`, 'facilitator', { method: 'POST' }),
      409,
    )
    expect(again.error.code).toBe('already_undone')
    const notUndoable = await json<HistoryRefused>(
      await api(board, `/${named}/undo`, 'facilitator', { method: 'POST' }),
      409,
    )
    expect(notUndoable.error.code).toBe('not_undoable')
    const list = await json<CheckpointList>(await api(board, '', 'viewer'), 200)
    expect(list.checkpoints.find((cp) => cp.id === restored.undoCheckpointId)?.undone).toBe(true)

    // Deleting: named ones only, by the facilitator.
    expect(
      (await api(board, `/${restored.undoCheckpointId}`, 'facilitator', { method: 'DELETE' }))
        .status,
    ).toBe(409)
    expect((await api(board, `/${named}`, 'participant', { method: 'DELETE' })).status).toBe(403)
    expect((await api(board, `/${named}`, 'facilitator', { method: 'DELETE' })).status).toBe(204)
    expect((await api(board, `/${named}`, 'viewer')).status).toBe(404)
  })

  it('refuses bad names, unknown checkpoints, another board’s checkpoints and oversized bodies', async () => {
    const board = await createBoard(server)
    const other = await createBoard(server)
    // A board nobody has opened yet (no page) can still be checkpointed.
    const empty = await json<CheckpointCreated>(
      await api(board, '', 'participant', { method: 'POST', body: { name: 'Empty' } }),
      201,
    )
    expect(empty.checkpoint.stickyCount).toBe(0)

    const cases: [unknown, string][] = [
      [{ name: '' }, 'invalid_name'],
      [{ name: '   ' }, 'invalid_name'],
      [{ name: 'two\nlines' }, 'invalid_name'],
      [{ name: 'x'.repeat(81) }, 'invalid_name'],
      [{ name: 42 }, 'invalid_body'],
      [{}, 'invalid_body'],
      ['{not json', 'invalid_json'],
    ]
    for (const [body, code] of cases) {
      const refused = await json<HistoryRefused>(
        await api(board, '', 'participant', { method: 'POST', body }),
        400,
      )
      expect([body, refused.error.code]).toEqual([body, code])
    }

    for (const path of ['/missing', '/%00', `/${'x'.repeat(300)}`, '/missing/restore']) {
      const method = path.endsWith('restore') ? 'POST' : 'GET'
      const refused = await json<HistoryRefused>(
        await api(board, path, 'facilitator', { method }),
        404,
      )
      expect(refused.error.code).toBe('checkpoint_not_found')
    }
    // A checkpoint is found only through its own board, whatever token is shown.
    for (const path of [`/${empty.checkpoint.id}`, `/${empty.checkpoint.id}/restore`]) {
      const method = path.endsWith('restore') ? 'POST' : 'GET'
      expect((await api(other, path, 'facilitator', { method })).status).toBe(404)
    }

    const big = await postOnOwnConnection(
      boardUrl(server, board, '/history', 'participant'),
      JSON.stringify({ name: 'x'.repeat(200_000) }),
      'application/json',
    )
    expect(big.status).toBe(413)
    // The server is fine afterwards.
    expect((await api(board, '', 'viewer')).status).toBe(200)
  })

  it('takes automatic checkpoints during activity, keeps the newest, and keeps everything over a restart', async () => {
    const board = await createBoard(server)
    const ada = await person(board, 'participant')
    writeRecord(ada.doc, pageRecord)
    const named = await json<CheckpointCreated>(
      await api(board, '', 'participant', { method: 'POST', body: { name: 'Start' } }),
      201,
    )
    const autos = async () =>
      (await json<CheckpointList>(await api(board, '', 'viewer'), 200)).checkpoints.filter(
        (cp) => cp.kind === 'auto',
      )
    const taken = () =>
      server.events('history.auto_checkpoint').filter((event) => event.boardId === board.id).length
    // Steady activity: a sticky every 100 ms until several intervals' worth were taken.
    let n = 0
    await eventually(
      () => {
        writeRecord(ada.doc, stickyRecord(`shape:n${n}`, { text: `Note ${n}`, x: n * 10 }))
        n++
        return taken() >= 4
      },
      'automatic checkpoints',
      20_000,
    )
    // Retention: however many were taken, the newest two are kept (and the named one).
    await eventually(async () => (await autos()).length === 2, 'pruned automatic checkpoints')
    const kept = await autos()
    expect(kept.every((cp) => cp.stickyCount > 0)).toBe(true)

    // Quiet: once the last changes are in a checkpoint, nothing more is taken while nobody
    // changes anything (waited for on purpose: this checks that something does not happen; a new
    // automatic checkpoint would push the oldest kept one out).
    await eventually(
      async () => (await autos()).some((cp) => cp.stickyCount === n),
      'the last changes in a checkpoint',
    )
    const quiet = (await autos()).map((cp) => cp.id)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect((await autos()).map((cp) => cp.id)).toEqual(quiet)
    // One more change, and the last person leaves at once: that change is kept on leaving.
    writeRecord(ada.doc, stickyRecord('shape:last', { text: 'Last words', x: -100 }))
    ada.provider.destroy()
    await eventually(
      async () => (await autos()).some((cp) => cp.stickyCount === n + 1),
      'the checkpoint on leaving',
    )

    const listedBefore = await json<CheckpointList>(await api(board, '', 'viewer'), 200)
    server = await server.restart()
    const listedAfter = await json<CheckpointList>(await api(board, '', 'viewer'), 200)
    expect(listedAfter.checkpoints).toEqual(listedBefore.checkpoints)
    const view = await json<CheckpointContent>(
      await api(board, `/${named.checkpoint.id}`, 'viewer'),
      200,
    )
    expect(Object.keys(view.records)).toEqual(['page:page'])
  })
})

describe('board history on two nodes (PostgreSQL and Redis)', () => {
  let cluster: Cluster
  let nodeClients: StockClients[]

  beforeAll(async () => {
    cluster = await startCluster(2, { HISTORY_AUTO_MINUTES: '0' })
    nodeClients = cluster.nodes.map((node) => new StockClients(node))
  })

  afterAll(async () => {
    for (const each of nodeClients) each.destroyAll()
    await cluster.dispose()
  })

  it('restores through one node for people on both, and undoes once when both nodes are asked at once', async () => {
    const [nodeA, nodeB] = cluster.nodes
    const [onA, onB] = nodeClients
    if (!nodeA || !nodeB || !onA || !onB) throw new Error('two nodes expected')
    const board = await createBoard(nodeA)
    const join = async (on: StockClients, node: ServerProcess, role: BoardRole) => {
      const me = await newMember(node, board, role)
      const client = on.connect(board, role, { credential: me.credential })
      await synced(client)
      return client
    }
    const ada = await join(onA, nodeA, 'participant')
    const bea = await join(onB, nodeB, 'participant')
    ada.doc.transact(() => {
      writeRecord(ada.doc, pageRecord)
      writeRecord(ada.doc, a)
    })
    await eventually(() => ids(bea.doc).length === 1, 'the sticky on node B')

    const named = await json<CheckpointCreated>(
      await api(board, '', 'participant', { method: 'POST', body: { name: 'One' }, on: nodeB }),
      201,
    )
    moveRecord(bea.doc, 'shape:a', { x: 500, y: 500 })
    writeRecord(bea.doc, c)
    await eventually(() => ids(ada.doc).length === 2, 'Bea’s changes on node A')

    const restored = await json<RestoreDone>(
      await api(board, `/${named.checkpoint.id}/restore`, 'facilitator', {
        method: 'POST',
        on: nodeA,
      }),
      200,
    )
    for (const client of [ada, bea]) {
      await eventually(
        () => ids(client.doc).join() === 'shape:a' && position(client.doc, 'shape:a')?.x === 0,
        'the restore on both nodes',
      )
    }
    // Both nodes asked to undo at once: one does it, the other is told it is done.
    const answers = await Promise.all(
      [nodeA, nodeB].map((on) =>
        api(board, `/${restored.undoCheckpointId}/undo`, 'facilitator', { method: 'POST', on }),
      ),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    for (const client of [ada, bea]) {
      await eventually(
        () =>
          ids(client.doc).join() === 'shape:a,shape:c' &&
          position(client.doc, 'shape:a')?.x === 500,
        'the undo on both nodes',
      )
    }
    const fromA = await json<CheckpointList>(await api(board, '', 'viewer', { on: nodeA }), 200)
    const fromB = await json<CheckpointList>(await api(board, '', 'viewer', { on: nodeB }), 200)
    expect(fromA).toEqual(fromB)
  })
})
