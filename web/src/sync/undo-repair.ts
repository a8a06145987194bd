import { isJsonObject, type JsonObject } from '@stormline/shared/sync/json-value'

/**
 * Repairing what an undo leaves behind (undo-manager.ts): a record with its empty fields filled
 * from an older version of it.
 */

/**
 * `current` with every field it lacks taken from `fallback`, at the depths the record layout
 * stores as maps (the record, `props`, `meta`, and plain objects inside `meta`): the fields an
 * undo could leave without a value. Fields `current` has are kept as they are.
 */
export function withMissingFields(current: JsonObject, fallback: JsonObject): JsonObject {
  return fill(current, fallback, 'record')
}

type Depth = 'record' | 'props' | 'meta' | 'meta-object'

function fill(current: JsonObject, fallback: JsonObject, depth: Depth): JsonObject {
  const out: JsonObject = { ...current }
  for (const [key, value] of Object.entries(fallback)) {
    const mine = current[key]
    if (mine === undefined) {
      out[key] = value
      continue
    }
    const inner = innerDepth(depth, key)
    if (inner !== null && isJsonObject(mine) && isJsonObject(value)) {
      out[key] = fill(mine, value, inner)
    }
  }
  return out
}

function innerDepth(depth: Depth, key: string): Depth | null {
  if (depth === 'record') return key === 'props' ? 'props' : key === 'meta' ? 'meta' : null
  if (depth === 'meta') return 'meta-object'
  return null
}
