import { describe, expect, it } from 'vitest'
import { connectionStatus, connectionStatusLabel } from './connection-status.ts'

describe('connectionStatus', () => {
  it('is connecting until the board first loads', () => {
    expect(connectionStatus({ connected: false, synced: false, loaded: false })).toBe('connecting')
    expect(connectionStatus({ connected: true, synced: false, loaded: false })).toBe('connecting')
  })

  it('is live only while connected and synced', () => {
    expect(connectionStatus({ connected: true, synced: true, loaded: true })).toBe('live')
  })

  it('is offline after a loaded board loses its connection, until it has re-synced', () => {
    expect(connectionStatus({ connected: false, synced: false, loaded: true })).toBe('offline')
    expect(connectionStatus({ connected: true, synced: false, loaded: true })).toBe('offline')
  })

  it('OFF-2: says how many changes are not saved yet, and where they wait', () => {
    expect(connectionStatusLabel('live')).toBe('Live')
    expect(connectionStatusLabel('live', 1)).toBe('Saving 1 change…')
    expect(connectionStatusLabel('live', 2)).toBe('Saving 2 changes…')
    expect(connectionStatusLabel('offline', 3)).toBe(
      'Offline — 3 changes not yet saved; they are kept in this browser and sent on reconnect',
    )
    expect(connectionStatusLabel('offline', 0)).toMatch(/kept in this browser/)
    expect(connectionStatusLabel('connecting', 2)).toBe('Connecting… 2 changes not yet saved')
  })
})
