import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'

/** Every board map of a document as JSON: the input of readBoard and buildBacklog. */
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
