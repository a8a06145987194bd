import { Worker } from 'node:worker_threads'
import type { JobRequest, WorkerMessage } from './worker-protocol.ts'

/**
 * A few worker threads that run jobs one at a time each, in arrival order, so heavy reads leave
 * the event loop free for the rooms. Threads start when first needed (an app that never serves a
 * derived read starts none). A thread that crashes or runs past the time bound is terminated and
 * replaced; only its own job fails.
 */

export interface WorkerPoolOptions {
  /** The worker script; it calls serveJobs (worker-protocol.ts). */
  script: URL
  /** How many threads at most. */
  size: number
  /**
   * A job running longer than this terminates its thread and fails (counted from when the thread
   * has loaded its script, so a thread's start does not eat into its first job's time).
   */
  jobTimeoutMs: number
  /** Thread name (shows in debuggers and heap snapshots). */
  name: string
  /** Handed to every thread once, as `workerData` (what each job would otherwise repeat). */
  workerData?: unknown
}

export interface JobResult<Out> {
  output: Out
  /** Time the worker spent on the job (not the wait in the queue). */
  seconds: number
}

export type WorkerJobFailure = 'failed' | 'crashed' | 'timeout' | 'closed'

/** Why a job did not produce its output: it threw, its thread died, it ran too long, or the pool closed. */
export class WorkerJobError extends Error {
  readonly reason: WorkerJobFailure
  constructor(reason: WorkerJobFailure, message: string) {
    super(message)
    this.name = 'WorkerJobError'
    this.reason = reason
  }
}

interface Job<In, Out> {
  id: number
  input: In
  resolve(result: JobResult<Out>): void
  reject(error: WorkerJobError): void
}

interface Thread<In, Out> {
  worker: Worker
  job: Job<In, Out> | null
  timer: NodeJS.Timeout | null
  /** The script has loaded (WorkerMessage 'ready'). */
  ready: boolean
  retired: boolean
}

export class WorkerPool<In, Out> {
  private readonly options: WorkerPoolOptions
  private readonly threads = new Set<Thread<In, Out>>()
  private readonly queue: Job<In, Out>[] = []
  private readonly exits = new Set<Promise<unknown>>()
  private nextId = 1
  private closed = false

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new Error(`WorkerPool size must be a positive integer (got ${options.size})`)
    }
    this.options = options
  }

  /** Runs one job on the next free thread (the input is copied to it: structured clone). */
  run(input: In): Promise<JobResult<Out>> {
    if (this.closed)
      return Promise.reject(new WorkerJobError('closed', 'the worker pool is closed'))
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject })
      this.dispatch()
    })
  }

  /** Threads running now (for tests and diagnostics). */
  get threadCount(): number {
    return this.threads.size
  }

  /** Fails queued and running jobs, terminates every thread and resolves once they have exited. */
  async close(): Promise<void> {
    this.closed = true
    const closedError = (): WorkerJobError =>
      new WorkerJobError('closed', 'the worker pool closed before the job finished')
    for (const job of this.queue.splice(0)) job.reject(closedError())
    for (const thread of [...this.threads]) this.retire(thread, closedError())
    await Promise.allSettled([...this.exits])
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread = this.idleThread() ?? this.spawn()
      if (!thread) return
      const job = this.queue.shift() as Job<In, Out>
      this.start(thread, job)
    }
  }

  private idleThread(): Thread<In, Out> | null {
    for (const thread of this.threads) if (!thread.job) return thread
    return null
  }

  private spawn(): Thread<In, Out> | null {
    if (this.threads.size >= this.options.size) return null
    const worker = new Worker(this.options.script, {
      name: this.options.name,
      workerData: this.options.workerData,
    })
    const thread: Thread<In, Out> = { worker, job: null, timer: null, ready: false, retired: false }
    // An idle thread must not keep the process alive; a busy one is ref'd while it works.
    worker.unref()
    worker.on('message', (message: WorkerMessage<Out>) => this.received(thread, message))
    worker.on('error', (error) =>
      this.retire(thread, new WorkerJobError('crashed', `the worker crashed: ${error.message}`)),
    )
    worker.on('messageerror', (error) =>
      this.retire(
        thread,
        new WorkerJobError('crashed', `unreadable worker reply: ${error.message}`),
      ),
    )
    worker.on('exit', (code) =>
      this.retire(thread, new WorkerJobError('crashed', `the worker exited with code ${code}`)),
    )
    this.threads.add(thread)
    return thread
  }

  private start(thread: Thread<In, Out>, job: Job<In, Out>): void {
    thread.job = job
    thread.worker.ref()
    // A thread still loading gets the request now (it waits in the port) and the bound once ready.
    if (thread.ready) this.startClock(thread)
    const request: JobRequest<In> = { id: job.id, input: job.input }
    try {
      thread.worker.postMessage(request)
    } catch (error) {
      // The input could not be cloned: the job fails, the thread is fine.
      this.finish(thread)
      job.reject(new WorkerJobError('failed', `the job could not be sent: ${messageOf(error)}`))
      this.dispatch()
    }
  }

  private startClock(thread: Thread<In, Out>): void {
    thread.timer = setTimeout(
      () =>
        this.retire(
          thread,
          new WorkerJobError('timeout', `the job ran longer than ${this.options.jobTimeoutMs} ms`),
        ),
      this.options.jobTimeoutMs,
    )
  }

  private received(thread: Thread<In, Out>, message: WorkerMessage<Out>): void {
    if (thread.retired) return
    if (message.type === 'ready') {
      thread.ready = true
      if (thread.job) this.startClock(thread)
      return
    }
    const job = thread.job
    if (!job || message.id !== job.id) return
    this.finish(thread)
    if (message.type === 'done') job.resolve({ output: message.output, seconds: message.seconds })
    else job.reject(new WorkerJobError('failed', message.message))
    this.dispatch()
  }

  /** The thread is free again (idle threads are unref'd). */
  private finish(thread: Thread<In, Out>): void {
    if (thread.timer) clearTimeout(thread.timer)
    thread.timer = null
    thread.job = null
    thread.worker.unref()
  }

  /** Takes the thread out of the pool for good, failing its job; the next job gets a new thread. */
  private retire(thread: Thread<In, Out>, error: WorkerJobError): void {
    if (thread.retired) return
    thread.retired = true
    this.threads.delete(thread)
    const job = thread.job
    this.finish(thread)
    const exited = thread.worker.terminate().finally(() => this.exits.delete(exited))
    this.exits.add(exited)
    job?.reject(error)
    this.dispatch()
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
