/**
 * Names of the shared types inside a board's Y.Doc. Server and client must agree
 * on them, and changing one orphans every stored board, so they live here once.
 *
 * Records live in a Y.Map keyed by record id. We measured the alternative that
 * is usually recommended for frequently overwritten keys (y-utility's YKeyValue
 * over a Y.Array): with garbage collection on, both stay within a few percent of
 * a fresh board after 10,000 moves, so the plain map wins on simplicity
 * (record-representation.test.ts, docs/adr/0004-tldraw-yjs-binding.md).
 */
export const docLayout = {
  /** Y.Map<TLRecord as JSON> of tldraw document-scope records, keyed by record id. */
  records: 'records',
  /** Y.Map with board-level metadata, such as the tldraw schema the records were written with. */
  meta: 'meta',
  /** Y.Map with facilitation state: current workshop step and timer (shared/board/session.ts). */
  session: 'session',
  /** Y.Map<ClusterRecord> keyed by cluster id (shared/backlog/clusters.ts). */
  clusters: 'clusters',
  /** Y.Map<'rejected'> keyed by suggestion key: suggestions the facilitator turned down. */
  suggestionDecisions: 'suggestionDecisions',
  /** Y.Map<ParticipantVotes> keyed by participant id: each participant writes only their own entry. */
  votes: 'votes',
  /** Y.Map<Assessment> keyed by backlog target id (cluster or pain point). */
  assessments: 'assessments',
  /** Y.Map<Ballot> keyed by `${targetId}|${participantId}`: private planning-poker estimates. */
  ballots: 'ballots',
} as const

/** Key in the meta map holding the serialized tldraw schema of the last writer. */
export const schemaMetaKey = 'tldrawSchema'
