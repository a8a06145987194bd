import { draftMetaField } from '@stormline/shared/board/silent-writing'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'

/**
 * Pure rules for the silent-writing draft flag (`meta.stormline.draft`) of a note made or edited
 * on this client (sticky-side-effects.ts applies them):
 *   - a note made while a round is on is a draft; one made outside a round never is (a paste of
 *     a draft's JSON after the reveal, a copy of a draft…);
 *   - a local edit never changes the flag: a draft stays a draft until the server publishes it
 *     at the reveal (that arrives as a remote change), and a published sticky never turns back.
 */

/** A note's `meta` as tldraw stores it: any JSON object. */
export type NoteMeta = Readonly<Record<string, unknown>>

function stormlineOf(meta: NoteMeta): Record<string, unknown> | null {
  const raw = meta[stickyMetaKey]
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : null
}

export function hasDraftFlag(meta: NoteMeta): boolean {
  return stormlineOf(meta)?.[draftMetaField] === true
}

/**
 * `meta` with the flag set (`draft`) or gone; the same object when it already is so. A note
 * without Stormline meta gets it only to carry the flag (the sticky stamp runs first anyway).
 */
export function withDraftFlag(meta: NoteMeta, draft: boolean): NoteMeta {
  if (hasDraftFlag(meta) === draft) return meta
  const { [draftMetaField]: _flag, ...rest } = stormlineOf(meta) ?? {}
  return { ...meta, [stickyMetaKey]: draft ? { ...rest, [draftMetaField]: true } : rest }
}

/** The edited note's meta with the flag it had before the edit (the same object if unchanged). */
export function keepDraftFlag(before: NoteMeta, after: NoteMeta): NoteMeta {
  return withDraftFlag(after, hasDraftFlag(before))
}
