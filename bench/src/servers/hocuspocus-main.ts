import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

/**
 * Child-process entry of the Hocuspocus reference server: `@hocuspocus/server` with its stock
 * SQLite extension and default settings (debounce 2 s, max 10 s), listening on PORT (0 = any).
 * Prints the port it got, like Stormline's `server.listening` line.
 */
const database = process.env.DATABASE ?? ':memory:'
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database })],
})
await server.listen()
console.log(JSON.stringify({ event: 'hocuspocus.listening', port: server.address.port }))
