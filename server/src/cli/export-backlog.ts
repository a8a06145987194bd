/**
 * `pnpm export <boardId> [--format md|csv|json|jira|github|linear] [--data-dir DIR] [--public-url URL] [--viewer-link LINK]`
 *
 * Prints a board's prioritised backlog from the database, without a server or
 * a browser. Reads the same stored document and runs the same code as
 * `GET /api/boards/:id/backlog`, so the output is identical for the same
 * public URL (PUBLIC_URL, default http://localhost:PORT). With the board's
 * current viewer link (or its token), the links in the file open the board
 * read-only for anyone who has it, as the API's X-Stormline-Viewer-Token does.
 */
import { parseArgs } from 'node:util'
import { tokenQueryParam } from '@stormline/shared/access/roles'
import {
  backlogFormats,
  exportBacklog,
  isBacklogFormat,
} from '@stormline/shared/backlog/export-backlog'
import { isBoardId } from '@stormline/shared/board/board-id'
import { backlogOf } from '../boards/board-backlog.ts'
import type { BoardStore } from '../boards/board-store.ts'
import { loadBoardDocument } from '../boards/stored-document.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { PostgresBoardStore } from '../db/postgres/postgres-board-store.ts'
import { openPostgres } from '../db/postgres/postgres-database.ts'
import { SqliteBoardStore } from '../db/sqlite-board-store.ts'
import { isCurrentViewerToken } from '../http/viewer-link-token.ts'
import { silentLogger } from '../logging/logger.ts'

function fail(message: string): never {
  process.stderr.write(`export: ${message}\n`)
  process.exit(1)
}

/**
 * Board ids are base64url and may start with '-', which parseArgs would take
 * for a short option: every argument that is not a long option (or its value)
 * is passed as a positional after '--'.
 */
function separatePositionals(args: string[]): string[] {
  const options: string[] = []
  const positionals: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '--') {
      positionals.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      options.push(arg)
      if (!arg.includes('=') && i + 1 < args.length) options.push(args[++i] ?? '')
    } else positionals.push(arg)
  }
  return [...options, '--', ...positionals]
}

const { values, positionals } = parseArgs({
  args: separatePositionals(process.argv.slice(2)),
  allowPositionals: true,
  options: {
    format: { type: 'string', default: 'md' },
    'data-dir': { type: 'string' },
    'public-url': { type: 'string' },
    'viewer-link': { type: 'string' },
  },
})

/** The token of a viewer link as Share shows it, or the token itself. */
function viewerTokenOf(link: string): string {
  if (!link.includes('?')) return link
  try {
    return new URL(link, 'http://stormline.invalid').searchParams.get(tokenQueryParam) ?? ''
  } catch {
    return ''
  }
}

const [boardId] = positionals
if (!boardId || positionals.length > 1)
  fail(`usage: pnpm export <boardId> [--format ${backlogFormats.join('|')}] [--viewer-link LINK]`)
if (!isBoardId(boardId)) fail(`"${boardId}" is not a board id`)
if (!isBacklogFormat(values.format)) fail(`--format must be one of: ${backlogFormats.join(', ')}`)

const config = loadConfig({
  ...process.env,
  ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}),
  ...(values['public-url'] ? { PUBLIC_URL: values['public-url'] } : {}),
})
// Scale-out mode (DATABASE_URL): the boards are in PostgreSQL; nothing here needs Redis.
const postgres = config.scaleOut ? await openPostgres(config.scaleOut.databaseUrl) : null
const store: BoardStore = postgres
  ? new PostgresBoardStore(postgres.db)
  : new SqliteBoardStore(openDatabase({ dataDir: config.dataDir }))
const where = postgres ? 'the PostgreSQL database' : config.dataDir
const board = (await store.getBoard(boardId)) ?? fail(`no board ${boardId} in ${where}`)
const viewerLink = values['viewer-link']
const viewerToken = viewerLink === undefined ? null : viewerTokenOf(viewerLink)
if (viewerToken !== null && !(await isCurrentViewerToken(store, boardId, viewerToken))) {
  // The token itself is not echoed: the terminal's scrollback is no place for it.
  fail('--viewer-link is not the current viewer link of this board (renewed?)')
}
// Migrated in memory only (MIG-1): a server may hold this board in a live room, and a migration
// appended behind its back would race the one it made when it loaded the board.
const { doc } = await loadBoardDocument(store, boardId, { logger: silentLogger, persist: false })
const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`
process.stdout.write(exportBacklog(backlogOf(board, doc), values.format, baseUrl, { viewerToken }))
await postgres?.close()
