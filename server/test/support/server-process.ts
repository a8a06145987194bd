/**
 * The real server entry point as a child process with its own SQLite data dir. Most tests need
 * only its address and life cycle; observed-server.ts has the rest (log, exit, signals).
 */
export {
  type ObservedServer as ServerProcess,
  type ObservedStartOptions as StartOptions,
  startObservedServer as startServer,
} from './observed-server.ts'
