import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { boardSuggestions } from '@stormline/shared/backlog/board-suggestions'
import { type BacklogFormat, exportBacklog } from '@stormline/shared/backlog/export-backlog'
import { readBoard } from '@stormline/shared/board/read-board'
import type { CompiledVocabulary } from '@stormline/shared/suggestions/vocabulary'
import * as Y from 'yjs'
import { backlogOf } from '../boards/board-backlog.ts'
import type { BoardRecord } from '../boards/board-store.ts'

/**
 * What a derived read computes from a board's content (one Yjs update): the model, the backlog
 * file or the cluster suggestions, as the exact text the HTTP API answers (JSON for the model and
 * the suggestions, as Hono's c.json writes it). Runs in the worker threads (derived-worker.ts);
 * plain functions, so tests compare them with the shared code they call.
 */

export type DerivedJob =
  | { kind: 'model'; state: Uint8Array }
  | { kind: 'suggestions'; state: Uint8Array }
  | {
      kind: 'backlog'
      state: Uint8Array
      /** From the board record: the backlog names the board (a rename changes no content). */
      board: Pick<BoardRecord, 'id' | 'name'>
      format: BacklogFormat
      baseUrl: string
      /** Already checked to be the board's current viewer token (backlog-routes.ts). */
      viewerToken: string | null
    }

export type DerivedKind = DerivedJob['kind']

/**
 * `vocabulary`: the server's (config VOCABULARY_FILE merged with the built-in one), compiled once
 * per thread.
 */
export function computeDerived(job: DerivedJob, vocabulary: CompiledVocabulary): string {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, job.state)
    switch (job.kind) {
      case 'model': {
        const maps = boardMapsOf(doc)
        return JSON.stringify(readBoard(maps.records, maps.session))
      }
      case 'suggestions':
        return JSON.stringify(boardSuggestions(boardMapsOf(doc), vocabulary))
      case 'backlog':
        return exportBacklog(backlogOf(job.board, doc), job.format, job.baseUrl, {
          viewerToken: job.viewerToken,
        })
    }
  } finally {
    doc.destroy()
  }
}
