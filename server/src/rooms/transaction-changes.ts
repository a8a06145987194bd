import * as Y from 'yjs'

/** What an accepted transaction changed in a board's document, for the room's owner to react to. */

/**
 * Ids of the notes (stickies) a transaction created in the board's `records` map: entries that
 * are new record maps of a tldraw note. The registry remembers them per member, so it can tell
 * who has added a sticky even on an anonymous board, where no sticky carries its author.
 */
export function createdNoteIds(records: Y.Map<unknown>, transaction: Y.Transaction): string[] {
  const created: string[] = []
  // Compared by identity: Yjs types the changed map by its generic base.
  const root: unknown = records
  const keys = [...transaction.changed].find(([type]) => type === root)?.[1] ?? []
  for (const key of keys) {
    if (key === null) continue
    const value = records.get(key)
    if (!(value instanceof Y.Map)) continue
    const item = value._item
    if (item === null) continue
    // An entry whose item this transaction created; an edit of an existing sticky is older.
    const isNew = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
    if (isNew && value.get('typeName') === 'shape' && value.get('type') === 'note') {
      created.push(key)
    }
  }
  return created
}

/** Names of the top-level maps a transaction changed anything in (at any depth). */
export function touchedRootMaps(transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>()
  for (const type of transaction.changed.keys()) {
    let root: Y.AbstractType<unknown> = type as Y.AbstractType<unknown>
    while (root._item !== null && root._item.parent instanceof Y.AbstractType) {
      root = root._item.parent
    }
    if (root._item === null) roots.add(Y.findRootTypeKey(root as Y.AbstractType<Y.YEvent<never>>))
  }
  return roots
}
