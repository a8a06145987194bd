/**
 * A worker script for worker-pool.test.ts: jobs that answer, throw, kill their thread or never
 * end, which the real derived jobs cannot be made to do on purpose.
 */
import { threadId } from 'node:worker_threads'
import { serveJobs } from './worker-protocol.ts'

export type PoolTestJob =
  | { do: 'echo'; value: string }
  | { do: 'thread' }
  | { do: 'throw'; message: string }
  | { do: 'exit'; code: number }
  | { do: 'spin' }

serveJobs((job: PoolTestJob): string => {
  switch (job.do) {
    case 'echo':
      return job.value
    case 'thread':
      return String(threadId)
    case 'throw':
      throw new Error(job.message)
    case 'exit':
      process.exit(job.code)
      break
    case 'spin':
      // Busy forever: only terminating the thread stops it.
      for (;;) {}
  }
})
