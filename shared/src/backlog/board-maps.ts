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
