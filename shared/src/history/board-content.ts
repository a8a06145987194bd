import type * as Y from 'yjs'
import { readClustersJson } from '../backlog/cluster-layout.ts'
import { readCluster } from '../backlog/clusters.ts'
import { docLayout } from '../sync/doc-layout.ts'
import { isJsonObject } from '../sync/json-value.ts'
import { readRecordsJson } from '../sync/record-layout.ts'

/**
 * The part of a board's shared document that history restores (ADR 0015), as plain JSON keyed
 * by id: tldraw `records`, `clusters` and the facilitator's `suggestionDecisions`.
 *
 * Left out on purpose, and so never touched by a restore or its undo:
 * - `votes` and `ballots` belong to each person (their dots and estimates, ADR 0013); putting
 *   back someone's old dots would vote in their name;
 * - `assessments` hold the state of estimate rounds whose ballots are sealed in each member's
 *   private document: an older "revealed" flag would publish or hide ballots out of step with
 *   them (the sealed-state reconcile reacts to people, not to a restore);
 * - `session` is the live facilitation (step, timer, vote and silent-writing rounds): rolling the
 *   board's content back must not reopen a closed vote or stop a running timer;
 * - `meta` holds the tldraw schema and layout version of the board as it is now.
 */
export interface BoardContent {
  records: Record<string, unknown>
  clusters: Record<string, unknown>
  suggestionDecisions: Record<string, unknown>
}

/** The maps of BoardContent, in the order a plan lists them. */
export const contentMaps = ['records', 'clusters', 'suggestionDecisions'] as const
export type ContentMap = (typeof contentMaps)[number]

export const emptyBoardContent: BoardContent = {
  records: {},
  clusters: {},
  suggestionDecisions: {},
}

/**
 * Reads a board's restorable content. Clusters are read through `readCluster`, as writing them
 * back normalises them (cluster-layout.ts), so a cluster compares equal to what a restore wrote.
 */
export function readBoardContent(doc: Y.Doc): BoardContent {
  const clusters: Record<string, unknown> = {}
  for (const [id, raw] of Object.entries(readClustersJson(doc))) {
    clusters[id] = readCluster(raw) ?? raw
  }
  return {
    records: readRecordsJson(doc),
    clusters,
    suggestionDecisions: doc.getMap<unknown>(docLayout.suggestionDecisions).toJSON(),
  }
}

/** Stickies (tldraw note shapes) among the records: the size a checkpoint list shows. */
export function countStickies(records: Readonly<Record<string, unknown>>): number {
  let count = 0
  for (const record of Object.values(records)) {
    if (isJsonObject(record) && record.typeName === 'shape' && record.type === 'note') count++
  }
  return count
}
