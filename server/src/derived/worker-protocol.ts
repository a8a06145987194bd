import { parentPort } from 'node:worker_threads'

/**
 * The messages between a WorkerPool and its worker threads (worker-pool.ts). One job at a time
 * per worker: the pool sends a request, the worker answers it before it reads the next one.
 */

export interface JobRequest<In> {
  id: number
  input: In
}

export type WorkerMessage<Out> =
  /** The script and its imports are loaded: jobs run from now on (the time bound starts here). */
  | { type: 'ready' }
  | { type: 'done'; id: number; output: Out; seconds: number }
  | { type: 'failed'; id: number; message: string }

/**
 * Answers the pool's requests with `handle` (call it at the top level of a worker script, after
 * its imports). A job that throws fails alone: the worker answers with the message and takes the
 * next job.
 */
export function serveJobs<In, Out>(handle: (input: In) => Out): void {
  const port = parentPort
  if (!port) throw new Error('serveJobs runs in a worker thread (node:worker_threads)')
  const send = (message: WorkerMessage<Out>): void => port.postMessage(message)
  port.on('message', (request: JobRequest<In>) => {
    const started = performance.now()
    let output: Out
    try {
      output = handle(request.input)
    } catch (error) {
      send({
        type: 'failed',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      })
      return
    }
    send({ type: 'done', id: request.id, output, seconds: (performance.now() - started) / 1000 })
  })
  send({ type: 'ready' })
}
