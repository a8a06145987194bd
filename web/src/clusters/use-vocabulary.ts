import {
  builtInCompiled,
  type CompiledVocabulary,
  compileVocabulary,
  readVocabulary,
} from '@stormline/shared/suggestions/vocabulary'
import { useEffect, useState } from 'react'
import { requestJson } from '../api/client.ts'

let request: Promise<CompiledVocabulary> | null = null

/**
 * The server's vocabulary (GET /api/vocabulary: built-in groups plus the operator's), fetched and
 * compiled once per page load, so the panel suggests what GET /api/boards/:id/suggestions does.
 * Falls back to the built-in vocabulary if the server cannot be asked.
 */
function loadVocabulary(): Promise<CompiledVocabulary> {
  request ??= requestJson<unknown>('/api/vocabulary')
    .then((answer) => {
      const vocabulary = readVocabulary(answer)
      if (vocabulary === null) throw new Error('not a vocabulary')
      return compileVocabulary(vocabulary)
    })
    .catch((error: unknown) => {
      console.warn(
        '[stormline] could not load /api/vocabulary, suggesting with the built-in one',
        error,
      )
      return builtInCompiled()
    })
  return request
}

/** Undefined until the server's vocabulary (or the fallback) is known. */
export function useVocabulary(): CompiledVocabulary | undefined {
  const [vocabulary, setVocabulary] = useState<CompiledVocabulary | undefined>(undefined)
  useEffect(() => {
    let current = true
    loadVocabulary().then((loaded) => {
      if (current) setVocabulary(loaded)
    })
    return () => {
      current = false
    }
  }, [])
  return vocabulary
}
