import type * as Y from 'yjs'
import { docLayout } from '../sync/doc-layout.ts'
import { readRecordsJson } from '../sync/record-layout.ts'
import { readClustersJson } from './cluster-layout.ts'

/**
 * The JSON of every map in a board's Y.Doc (docLayout), as the browser, the
 * server and the CLI read it. Everything that derives the backlog starts here.
 */
export interface BoardMapsJson {
  records: Record<string, unknown>
  session: Record<string, unknown>
  clusters: Record<string, unknown>
  suggestionDecisions: Record<string, unknown>
  votes: Record<string, unknown>
  assessments: Record<string, unknown>
  ballots: Record<string, unknown>
}

export const emptyBoardMaps: BoardMapsJson = {
  records: {},
  session: {},
  clusters: {},
  suggestionDecisions: {},
  votes: {},
  assessments: {},
  ballots: {},
}

/** Reads every board map of a document as JSON (records and clusters as plain JSON, in either layout). */
export function boardMapsOf(doc: Y.Doc): BoardMapsJson {
  const json = (name: string): Record<string, unknown> => doc.getMap(name).toJSON()
  return {
    records: readRecordsJson(doc),
    session: json(docLayout.session),
    clusters: readClustersJson(doc),
    suggestionDecisions: json(docLayout.suggestionDecisions),
    votes: json(docLayout.votes),
    assessments: json(docLayout.assessments),
    ballots: json(docLayout.ballots),
  }
}
