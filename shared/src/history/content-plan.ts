import { jsonEqual } from '../sync/json-value.ts'
import type { BoardContent, ContentMap } from './board-content.ts'
import { contentMaps } from './board-content.ts'

/**
 * One entry (record, cluster or suggestion decision) a restore or its undo changes:
 * - `add`: the entry is missing now and comes back as `to`;
 * - `patch`: the entry is there as `from` and becomes `to`; only the fields that differ between
 *   the two are written (record-layout.ts `patchRecord`, cluster-layout.ts `writeCluster`), so
 *   a field someone else is editing is left alone unless it is one the plan changes;
 * - `delete`: the entry goes.
 */
export type EntryChange =
  | { op: 'add'; id: string; to: unknown }
  | { op: 'patch'; id: string; from: unknown; to: unknown }
  | { op: 'delete'; id: string }

/** What a restore or an undo writes, per map of BoardContent; ids in code-unit order. */
export type ContentPlan = Record<ContentMap, EntryChange[]>

/** How many entries the plan changes (the `changed` of RestoreDone and UndoDone). */
export function planSize(plan: ContentPlan): number {
  return contentMaps.reduce((sum, map) => sum + plan[map].length, 0)
}

/** The content a plan leads to, as plain JSON (what applying it to a document reads back as). */
export function applyPlanToContent(content: BoardContent, plan: ContentPlan): BoardContent {
  const next = {
    records: { ...content.records },
    clusters: { ...content.clusters },
    suggestionDecisions: { ...content.suggestionDecisions },
  }
  for (const map of contentMaps) {
    for (const change of plan[map]) {
      if (change.op === 'delete') delete next[map][change.id]
      else next[map][change.id] = change.to
    }
  }
  return next
}

/** Every id of either side, in code-unit order (so plans are the same on every machine). */
export function unionIds(...sides: Readonly<Record<string, unknown>>[]): string[] {
  const ids = new Set<string>()
  for (const side of sides) for (const id of Object.keys(side)) ids.add(id)
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The change that takes an entry from `from` to `to` (undefined: absent), or null for none. */
export function entryChange(id: string, from: unknown, to: unknown): EntryChange | null {
  if (from === undefined && to === undefined) return null
  if (to === undefined) return { op: 'delete', id }
  if (from === undefined) return { op: 'add', id, to }
  if (jsonEqual(from, to)) return null
  return { op: 'patch', id, from, to }
}
