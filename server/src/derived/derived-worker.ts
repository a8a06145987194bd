/**
 * Worker thread entry of the derived reads (derived-reads.ts): computes one DerivedJob at a time.
 * Node loads it as TypeScript (type stripping), like the server itself.
 */
import { computeDerived } from './derived-compute.ts'
import { serveJobs } from './worker-protocol.ts'

serveJobs(computeDerived)
