/**
 * Worker thread entry of the derived reads (derived-reads.ts): computes one DerivedJob at a time.
 * Node loads it as TypeScript (type stripping), like the server itself.
 */
import { workerData } from 'node:worker_threads'
import {
  builtInVocabulary,
  compileVocabulary,
  type Vocabulary,
} from '@stormline/shared/suggestions/vocabulary'
import { computeDerived, type DerivedJob } from './derived-compute.ts'
import { serveJobs } from './worker-protocol.ts'

// The server's vocabulary comes once, with the thread (derived-reads.ts); stemmed once here.
const vocabulary = compileVocabulary((workerData as Vocabulary | undefined) ?? builtInVocabulary)

serveJobs((job: DerivedJob) => computeDerived(job, vocabulary))
