import { describe, expect, it } from 'vitest'
import { connectionStatus } from './connection-status.ts'

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
})
