import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { boardSuggestions } from '@stormline/shared/backlog/board-suggestions'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { backlogFormats, exportBacklog } from '@stormline/shared/backlog/export-backlog'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import { validWorkshopMaps as workshopMaps, writeWorkshop } from './support/workshop-board.ts'

/**
 * A finished workshop is written into a board by its people, each a stock y-websocket client
 * with a member of their own; the server then exports it over HTTP and from the CLI. The export
 * equals what the shared exporter makes of the workshop fixture (whose golden files pin it): the
 * published vote result and revealed ballots rank the backlog exactly as the fixture's dots and
 * ballots do.
 */

const run = promisify(execFile)
const cli = new URL('../src/cli/export-backlog.ts', import.meta.url).pathname

let server: ServerProcess
let board: CreatedBoard

beforeAll(async () => {
  server = await startServer()
  board = await createBoard(server, { name: 'Payments: path to production' })
  // Written by its people: each sticky by its author's member, dots and estimates in their
  // private documents, published by the server when the facilitator closes and reveals.
  await writeWorkshop(server, board, workshopMaps)
})

afterAll(async () => {
  await server.dispose()
})

async function download(format: string, viewerToken?: string): Promise<Response> {
  return fetch(boardUrl(server, board, `/backlog?format=${format}`, 'viewer'), {
    headers: viewerToken === undefined ? {} : { 'x-stormline-viewer-token': viewerToken },
  })
}

/** The body exactly as sent (Response.text() would drop the CSV's byte-order mark). */
async function bytes(response: Response): Promise<string> {
  return Buffer.from(await response.arrayBuffer()).toString('utf8')
}

describe('backlog export from the server', () => {
  it.each([
    ['md', 'text/markdown; charset=utf-8', 'payments-path-to-production-backlog.md'],
    ['csv', 'text/csv; charset=utf-8', 'payments-path-to-production-backlog.csv'],
    ['json', 'application/json; charset=utf-8', 'payments-path-to-production-backlog.json'],
    ['jira', 'text/csv; charset=utf-8', 'payments-path-to-production-backlog-jira.csv'],
    [
      'github',
      'application/json; charset=utf-8',
      'payments-path-to-production-backlog-github.json',
    ],
    ['linear', 'text/csv; charset=utf-8', 'payments-path-to-production-backlog-linear.csv'],
  ])(
    'serves %s with its media type, a file name, and the content the shared exporter makes',
    async (format, type, fileName) => {
      const response = await download(format)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`)
      const expected = exportBacklog(
        buildBacklog({ id: board.id, name: board.name }, workshopMaps),
        format as 'md',
        server.httpUrl,
      )
      expect(await bytes(response)).toBe(expected)
    },
  )

  it('ranks the workshop’s clusters with their evidence', async () => {
    const backlog = (await (await download('json')).json()) as ReturnType<typeof buildBacklog>
    expect(backlog.schemaVersion).toBe(1)
    expect(backlog.items.map((i) => i.title).slice(0, 2)).toEqual([
      'VM provisioning',
      'Slow approvals',
    ])
    expect(backlog.items[0]?.link).toBe(`${server.httpUrl}/b/${board.id}?focus=cluster%3Avm`)
    const md = await (await download('md')).text()
    expect(md).toContain('> VM requests take two weeks — Ada, Environments & infrastructure')
    const csv = await (await download('csv')).text()
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`)
  })

  it('keeps the pain point nobody voted for, unranked, in every format', async () => {
    const backlog = (await (await download('json')).json()) as ReturnType<typeof buildBacklog>
    expect(backlog.unranked.map((p) => p.title)).toEqual(['Staging data is months old'])
    expect(backlog.unranked[0]?.link).toBe(
      `${server.httpUrl}/b/${board.id}?focus=shape%3Apain-staging`,
    )
    const md = await (await download('md')).text()
    expect(md).toMatch(/## Not voted yet[\s\S]*- Staging data is months old — Dan/)
    const csv = await (await download('csv')).text()
    expect(csv).toMatch(/\r\n,SL-[0-9A-Z]+,Staging data is months old,.*,unranked\r\n$/)
  })

  it('puts the viewer token in every link when given the current viewer link', async () => {
    const token = board.tokens.viewer
    const md = await bytes(await download('md', token))
    const links = md.match(/\]\((http[^)]+)\)/g) ?? []
    expect(links.length).toBeGreaterThan(3)
    for (const link of links) expect(link).toContain(`token=${token}`)
    expect(md).toBe(
      exportBacklog(
        buildBacklog({ id: board.id, name: board.name }, workshopMaps),
        'md',
        server.httpUrl,
        { viewerToken: token },
      ),
    )
    // A link from the file opens the board for someone who has nothing else: as a viewer.
    const link = new URL(links[0]?.slice(2, -1) ?? '')
    const claimed = await fetch(`${server.httpUrl}/api/boards/${board.id}/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link.searchParams.get('token') }),
    })
    expect(((await claimed.json()) as { role: string }).role).toBe('viewer')
  })

  it('refuses any other token for the links, and never logs it', async () => {
    for (const token of [
      board.tokens.participant,
      board.tokens.facilitator,
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'not a token',
    ]) {
      const refused = await download('md', token)
      expect(refused.status).toBe(400)
      const body = (await refused.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('invalid_viewer_token')
      expect(body.error.message).toMatch(/current viewer link/)
      expect(body.error.message).not.toContain(token)
    }
    // Plain links without the header: no token in the file at all.
    expect(await (await download('md')).text()).not.toContain('token=')
    expect(server.log()).not.toContain(board.tokens.viewer)
    expect(server.log()).not.toContain(board.tokens.participant)
  })

  it('gives the CLI the very same bytes as the API, in every format', async () => {
    for (const format of backlogFormats) {
      const { stdout } = await run(process.execPath, [cli, board.id, '--format', format], {
        env: { ...process.env, DATA_DIR: server.dataDir, PUBLIC_URL: server.httpUrl },
      })
      expect(stdout).toBe(await bytes(await download(format)))
    }
    // Sharing read-only access: the viewer link as Share shows it.
    for (const format of ['md', 'jira']) {
      const { stdout } = await run(
        process.execPath,
        [cli, board.id, '--format', format, '--viewer-link', board.links.viewer],
        { env: { ...process.env, DATA_DIR: server.dataDir, PUBLIC_URL: server.httpUrl } },
      )
      expect(stdout).toContain(`token=${board.tokens.viewer}`)
      expect(stdout).toBe(await bytes(await download(format, board.tokens.viewer)))
    }
    await expect(
      run(process.execPath, [cli, board.id, '--viewer-link', board.links.participant], {
        env: { ...process.env, DATA_DIR: server.dataDir },
      }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not the current viewer link'),
    })
  })

  it('suggests the same clusters as the shared function computes for the stored board', async () => {
    const response = await fetch(boardUrl(server, board, '/suggestions', 'viewer'))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual(boardSuggestions(workshopMaps))
  })

  it('answers clear errors for an unknown board or format', async () => {
    expect(
      (await fetch(`${server.httpUrl}/api/boards/AAAAAAAAAAAAAAAAAAAAAA/backlog`)).status,
    ).toBe(404)
    const bad = await download('xlsx')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'invalid_format',
      message: 'format must be one of: md, csv, json, jira, github, linear.',
    })
    await expect(
      run(process.execPath, [cli, 'AAAAAAAAAAAAAAAAAAAAAA'], {
        env: { ...process.env, DATA_DIR: server.dataDir },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no board') })
    // Ids may start with '-': still a board id, not an option.
    await expect(
      run(process.execPath, [cli, '-AAAAAAAAAAAAAAAAAAAAA', '--format', 'csv'], {
        env: { ...process.env, DATA_DIR: server.dataDir },
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no board -AAAA') })
  })
})
