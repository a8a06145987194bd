import { afterEach, describe, expect, it, vi } from 'vitest'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.resetModules()
})

describe('the participant on an open board', () => {
  it('is the member the server knows this browser as; the name stays the browser’s', async () => {
    const storage = memoryStorage()
    // tldraw reads the platform on import.
    vi.stubGlobal('window', {
      localStorage: storage,
      addEventListener: () => {},
      navigator: { platform: '', userAgent: '' },
    })
    const store = await import('./participant-store.ts')
    const stored = store.participantSignal().get()
    store.renameCurrentParticipant('Ada')
    const memberId = 'm'.repeat(22)
    store.setBoardMemberId(memberId)
    expect(store.participantSignal().get()).toMatchObject({ id: memberId, name: 'Ada' })
    expect(store.tldrawUserSignal().get()?.id).toBe(`user:${memberId}`)
    // Renaming on the board keeps the browser's own id in storage, not the board's member.
    store.renameCurrentParticipant('Ada L')
    expect(storage.getItem('stormline.participant')).toContain(stored.id)
    expect(storage.getItem('stormline.participant')).not.toContain(memberId)
    // Off the board, the browser's own id again.
    store.setBoardMemberId(null)
    expect(store.participantSignal().get()).toMatchObject({ id: stored.id, name: 'Ada L' })
  })
})
