import { isDraftRecord } from '@stormline/shared/board/silent-writing'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { isJsonObject } from '@stormline/shared/sync/json-value'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import { validateBoardRecord } from '@stormline/shared/sync/validate-record'
import * as Y from 'yjs'

/**
 * What a member may write into their own private document (ADR 0013), judged on the transaction
 * that applied their update, before it is stored or relayed: the private room refuses the whole
 * update if anything in it breaks these rules.
 *   - Only the `votes`, `ballots` and `drafts` maps; `member` is the server's, and anything else
 *     is not part of a private document.
 *   - Entries are plain JSON values (no nested shared types, no list content), one per key;
 *     `votes` has the one key `mine`.
 *   - A draft is a valid tldraw note (the board's record validation, VAL-1) stored under its own
 *     id, marked `meta.stormline.draft === true`, whose author is the member (or nobody, on an
 *     anonymous board) — a draft is published under its author's name.
 */

export type PrivateVerdict =
  | { ok: true }
  | { ok: false; kind: 'forbidden' | 'invalid-draft'; reason: string }

export interface PrivateWriter {
  memberId: string
  /** On an anonymous board a draft may carry no author. */
  anonymous: boolean
}

const writableMaps: ReadonlySet<string> = new Set([
  privateLayout.votes,
  privateLayout.ballots,
  privateLayout.drafts,
])

const ok: PrivateVerdict = { ok: true }

function forbidden(reason: string): PrivateVerdict {
  return { ok: false, kind: 'forbidden', reason }
}

export function checkPrivateTransaction(
  transaction: Y.Transaction,
  writer: PrivateWriter,
): PrivateVerdict {
  for (const [type, keys] of transaction.changed) {
    // Nothing nested is ever accepted, so a changed nested type is a client's own invention.
    if (type._item !== null) return forbidden('private entries are plain values')
    const root = Y.findRootTypeKey(type)
    if (root === privateLayout.member) return forbidden('the member entry is written by the server')
    if (!writableMaps.has(root)) return forbidden(`"${root.slice(0, 40)}" is not a private map`)
    if (!(type instanceof Y.Map)) return forbidden(`${root} is not a map`)
    for (const key of keys) {
      if (key === null) return forbidden(`${root} holds keyed entries only`)
      const verdict = checkEntry(root, key, type.get(key), writer)
      if (!verdict.ok) return verdict
    }
  }
  return ok
}

function checkEntry(
  root: string,
  key: string,
  value: unknown,
  writer: PrivateWriter,
): PrivateVerdict {
  // A deleted entry: taking back one's own dots, ballot or draft is always allowed.
  if (value === undefined) return ok
  if (value instanceof Y.AbstractType) return forbidden('private entries are plain values')
  if (root === privateLayout.votes && key !== myVotesKey)
    return forbidden(`votes has the one key "${myVotesKey}"`)
  if (root === privateLayout.drafts) return checkDraft(key, value, writer)
  return ok
}

export function checkDraft(key: string, value: unknown, writer: PrivateWriter): PrivateVerdict {
  const invalid = (reason: string): PrivateVerdict => ({ ok: false, kind: 'invalid-draft', reason })
  if (!isJsonObject(value) || value.typeName !== 'shape' || value.type !== 'note')
    return invalid('a draft is a note')
  if (!isDraftRecord(value)) return invalid('a draft is marked meta.stormline.draft')
  const verdict = validateBoardRecord(key, value)
  if (!verdict.ok) return invalid(verdict.reason)
  const stormline = (value.meta as Record<string, unknown>)[stickyMetaKey] as Record<
    string,
    unknown
  >
  const author = stormline.authorId
  if (author === writer.memberId) return ok
  const noAuthor =
    (author === undefined || author === '') &&
    (stormline.authorName === undefined || stormline.authorName === '')
  if (writer.anonymous && noAuthor) return ok
  return invalid(
    writer.anonymous ? 'a draft has its writer or no author' : 'a draft has its writer as author',
  )
}
