import { afterEach, describe, expect, it } from 'vitest'
import type { PoolTestJob } from './pool-test-worker.ts'
import { WorkerJobError, WorkerPool } from './worker-pool.ts'

/** The pool on real threads running pool-test-worker.ts (loaded by Node as TypeScript). */

const script = new URL('./pool-test-worker.ts', import.meta.url)
const pools: WorkerPool<PoolTestJob, string>[] = []

function pool(
  options: { size?: number; jobTimeoutMs?: number } = {},
): WorkerPool<PoolTestJob, string> {
  const created = new WorkerPool<PoolTestJob, string>({
    script,
    size: options.size ?? 1,
    jobTimeoutMs: options.jobTimeoutMs ?? 10_000,
    name: 'pool-test',
  })
  pools.push(created)
  return created
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

async function failure(promise: Promise<unknown>): Promise<WorkerJobError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(WorkerJobError)
  return error as WorkerJobError
}

const output = async (promise: Promise<{ output: string }>): Promise<string> =>
  (await promise).output

describe('WorkerPool', () => {
  it('starts no thread before the first job, then runs jobs and reports their compute time', async () => {
    const threads = pool()
    expect(threads.threadCount).toBe(0)
    const result = await threads.run({ do: 'echo', value: 'hello' })
    expect(result.output).toBe('hello')
    expect(result.seconds).toBeGreaterThanOrEqual(0)
    expect(threads.threadCount).toBe(1)
  })

  it('runs queued jobs in order on at most `size` threads', async () => {
    const threads = pool({ size: 2 })
    const values = ['a', 'b', 'c', 'd', 'e']
    const results = await Promise.all(
      values.map((value) => output(threads.run({ do: 'echo', value }))),
    )
    expect(results).toEqual(values)
    expect(threads.threadCount).toBe(2)
  })

  it('fails a job that throws and keeps its thread', async () => {
    const threads = pool()
    const before = await output(threads.run({ do: 'thread' }))
    const error = await failure(threads.run({ do: 'throw', message: 'bad board' }))
    expect(error.reason).toBe('failed')
    expect(error.message).toBe('bad board')
    expect(await output(threads.run({ do: 'thread' }))).toBe(before)
  })

  it('fails the job whose thread dies, replaces the thread, and runs the jobs queued behind it', async () => {
    const threads = pool()
    const first = await output(threads.run({ do: 'thread' }))
    const crashed = threads.run({ do: 'exit', code: 3 })
    const queued = threads.run({ do: 'echo', value: 'after the crash' })
    const error = await failure(crashed)
    expect(error.reason).toBe('crashed')
    expect(error.message).toContain('code 3')
    expect(await output(queued)).toBe('after the crash')
    expect(await output(threads.run({ do: 'thread' }))).not.toBe(first)
    expect(threads.threadCount).toBe(1)
  })

  it('terminates a thread whose job outlives the time bound and carries on with a new one', async () => {
    const threads = pool({ jobTimeoutMs: 100 })
    const error = await failure(threads.run({ do: 'spin' }))
    expect(error.reason).toBe('timeout')
    expect(await output(threads.run({ do: 'echo', value: 'still serving' }))).toBe('still serving')
  })

  it('fails running and queued jobs on close, and every job after it', async () => {
    const threads = pool()
    const running = failure(threads.run({ do: 'spin' }))
    const queued = failure(threads.run({ do: 'echo', value: 'never' }))
    await threads.close()
    expect((await running).reason).toBe('closed')
    expect((await queued).reason).toBe('closed')
    expect((await failure(threads.run({ do: 'echo', value: 'late' }))).reason).toBe('closed')
    expect(threads.threadCount).toBe(0)
  })

  it('refuses a size that is not a positive integer', () => {
    expect(() => pool({ size: 0 })).toThrow(/positive integer/)
  })
})
