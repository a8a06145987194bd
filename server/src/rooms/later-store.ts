import type { Awaitable, BoardStore } from '../boards/board-store.ts'

/**
 * A store that answers later, like PostgreSQL does (ADR 0014): every call is made on the store
 * it wraps, and its answer is handed back after `delay()` milliseconds. For tests of the rooms'
 * asynchronous path with a seeded choice of delays; `stored` lists the updates whose append has
 * been answered, in that order.
 */
export function laterStore(inner: BoardStore, delay: () => number): LaterStore {
  const stored: Uint8Array[] = []
  const later = <T>(run: () => Awaitable<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        Promise.resolve().then(run).then(resolve, reject)
      }, delay())
    })
  const store = {} as BoardStore
  for (const name of Object.getOwnPropertyNames(
    Object.getPrototypeOf(inner),
  ) as (keyof BoardStore)[]) {
    if (name === ('constructor' as keyof BoardStore)) continue
    const method = inner[name] as (...args: unknown[]) => Awaitable<unknown>
    Object.assign(store, {
      [name]: (...args: unknown[]) =>
        later(async () => {
          const answer = await method.apply(inner, args)
          if (name === 'appendUpdate') stored.push(args[1] as Uint8Array)
          return answer
        }),
    })
  }
  return Object.assign(store, { stored })
}

export type LaterStore = BoardStore & { stored: Uint8Array[] }
