import { describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  CloseCode,
  permanentCloseCodes,
  stockClientRetries,
  webFinalCloseCodes,
} from './close-codes.ts'

const allCodes = Object.entries(CloseCode)

/**
 * CLOSE-1 (table): every close after which a retry can succeed uses a code a stock client
 * retries, and every permanent one a code it does not.
 */
describe('close codes (CLOSE-1)', () => {
  it.each(allCodes.filter(([, code]) => permanentCloseCodes.has(code)))(
    'keeps permanent %s (%i) in 4400–4499',
    (_name, code) => {
      expect(code).toBeGreaterThanOrEqual(4400)
      expect(code).toBeLessThanOrEqual(4499)
      expect(stockClientRetries(code)).toBe(false)
    },
  )

  it.each(allCodes.filter(([, code]) => !permanentCloseCodes.has(code)))(
    'puts retryable %s (%i) in 1xxx or 4500–4599',
    (_name, code) => {
      expect((code >= 1000 && code <= 1999) || (code >= 4500 && code <= 4599)).toBe(true)
      expect(stockClientRetries(code)).toBe(true)
    },
  )

  it('names every 44xx code as permanent', () => {
    const fourFour = allCodes.filter(([, code]) => code >= 4400 && code <= 4499)
    expect(fourFour.every(([, code]) => permanentCloseCodes.has(code))).toBe(true)
  })

  it('stops the web app on every permanent code, and on 1009 only besides', () => {
    expect([...webFinalCloseCodes].filter((code) => !permanentCloseCodes.has(code))).toEqual([
      CloseCode.messageTooBig,
    ])
    for (const code of permanentCloseCodes) expect(webFinalCloseCodes.has(code)).toBe(true)
  })

  it("agrees with y-websocket 3's own default shouldReconnect on every code", () => {
    // The provider's default, node_modules/y-websocket/src/y-websocket.js (3.1.0) line 140:
    //   const defaultShouldReconnect = (event) => !(event.code >= 4400 && event.code < 4500)
    // Asked of a real provider (not connected), so an upgrade that changes the rule fails here.
    const provider = new WebsocketProvider('ws://127.0.0.1:9', 'close-codes', new Y.Doc(), {
      connect: false,
      disableBc: true,
    })
    try {
      const codes = [
        ...allCodes.map(([, code]) => code),
        ...Array.from({ length: 1000 }, (_, i) => 4000 + i),
        1000,
        1005,
        1006,
      ]
      for (const code of codes) {
        const stock = provider.shouldReconnect({ code, reason: '' } as CloseEvent, provider)
        expect(stockClientRetries(code), `code ${code}`).toBe(stock)
      }
    } finally {
      provider.destroy()
    }
  })
})
