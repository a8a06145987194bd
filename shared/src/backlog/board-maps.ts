import type * as Y from 'yjs'
import { docLayout } from '../sync/doc-layout.ts'

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

/** Reads every board map of a document as JSON. */
export function boardMapsOf(doc: Y.Doc): BoardMapsJson {
  const json = (name: string): Record<string, unknown> => doc.getMap(name).toJSON()
  return {
    records: json(docLayout.records),
    session: json(docLayout.session),
    clusters: json(docLayout.clusters),
    suggestionDecisions: json(docLayout.suggestionDecisions),
    votes: json(docLayout.votes),
    assessments: json(docLayout.assessments),
    ballots: json(docLayout.ballots),
  }
}
