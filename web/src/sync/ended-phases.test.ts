import { CloseCode, webFinalCloseCodes } from '@stormline/shared/sync/close-codes'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import {
  asksBeforeLeaving,
  endedByCloseCode,
  localCopyAfter,
  offersUnsentDownload,
  webShouldReconnect,
} from './ended-phases.ts'
import { testConnection } from './test-connection.ts'

const retryable = [
  1000,
  CloseCode.goingAway,
  CloseCode.unsupportedData,
  1006,
  CloseCode.internalError,
  CloseCode.tryAgainLater,
  CloseCode.malformedMessage,
  CloseCode.overloaded,
]

describe('final states', () => {
  it('CLOSE-3: every final close code of the web app has an ended phase, and no other code does', () => {
    expect([...endedByCloseCode.keys()].sort()).toEqual([...webFinalCloseCodes].sort())
    expect(endedByCloseCode.get(CloseCode.boardTooLarge)).toBe('board-full')
    expect(endedByCloseCode.get(CloseCode.messageTooBig)).toBe('edit-too-large')
    expect(endedByCloseCode.get(CloseCode.invalidRecord)).toBe('invalid-edit')
    expect(endedByCloseCode.get(CloseCode.reloadRequired)).toBe('reload-required')
  })

  it.each([...webFinalCloseCodes])(
    'CLOSE-3: close code %i stops reconnecting and shows its final state',
    (code) => {
      expect(webShouldReconnect(code)).toBe(false)
      const board = testConnection()
      expect(board.provider.shouldReconnect({ code } as CloseEvent, board.provider)).toBe(false)
      board.provider.shouldConnect = true
      board.provider.emit('closed', [{ code, reason: '' }, board.provider])
      expect(board.state.get().phase).toBe(endedByCloseCode.get(code))
      expect(board.provider.shouldConnect).toBe(false)
      // Nothing reopens it.
      board.connect()
      expect(board.provider.shouldConnect).toBe(false)
    },
  )

  it('CLOSE-3: a board stored in a newer tldraw schema than this app reads ends in reload-required', () => {
    const board = testConnection()
    const own = board.store.schema.serialize() as { sequences: Record<string, number> }
    const newer = {
      ...own,
      sequences: { ...own.sequences, 'com.tldraw.shape.note': 99 },
    }
    board.doc.getMap(docLayout.meta).set(schemaMetaKey, newer)
    board.provider.emit('status', [{ status: 'connected' }])
    board.provider.emit('sync', [true])
    expect(board.state.get().phase).toBe('reload-required')
    expect(board.provider.shouldConnect).toBe(false)
  })

  it.each(retryable)('CLOSE-3: close code %i is retried', (code) => {
    expect(webShouldReconnect(code)).toBe(true)
    const board = testConnection()
    expect(board.provider.shouldReconnect({ code } as CloseEvent, board.provider)).toBe(true)
  })

  it('OFF-3: keeps the board’s copy when the link stops working or the app must reload', () => {
    expect(localCopyAfter('link-invalid')).toBe('keep')
    expect(localCopyAfter('reload-required')).toBe('keep')
    // The board is gone: its copy goes too.
    expect(localCopyAfter('deleted')).toBe('clear')
    expect(localCopyAfter('not-found')).toBe('clear')
    // The copy holds a refused change that would be sent, and refused, on every visit.
    for (const phase of ['edit-refused', 'invalid-edit', 'board-full', 'edit-too-large'] as const) {
      expect(localCopyAfter(phase)).toBe('clear')
      expect(offersUnsentDownload(phase)).toBe(true)
    }
    expect(offersUnsentDownload('link-invalid')).toBe(true)
    expect(offersUnsentDownload('deleted')).toBe(false)
    expect(offersUnsentDownload('reload-required')).toBe(false)
  })

  it('OFF-2: asks before leaving only while leaving would lose changes', () => {
    expect(asksBeforeLeaving('ready', 0)).toBe(false)
    expect(asksBeforeLeaving('ready', 2)).toBe(true)
    expect(asksBeforeLeaving('loading', 1)).toBe(true)
    expect(asksBeforeLeaving('board-full', 1)).toBe(true)
    expect(asksBeforeLeaving('link-invalid', 1)).toBe(false)
    expect(asksBeforeLeaving('deleted', 1)).toBe(false)
    expect(asksBeforeLeaving('reload-required', 1)).toBe(false)
  })
})
