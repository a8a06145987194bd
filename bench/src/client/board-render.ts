import { chromium } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '@stormline/shared/testing/chromium'
import { addStickiesAtOnce, waitForStickies } from '../board/fill-board.ts'
import { createRoom } from '../clients/board-room.ts'
import { connectClient } from '../clients/stock-client.ts'
import type { ServerHandle } from '../servers/server-handle.ts'

/** What the page reports once the board is on screen. */
export interface PageTiming {
  /** ms from navigation start until the editor held every sticky and two frames were painted. */
  renderedMs: number
  /** Note shapes tldraw actually put in the DOM (it skips those outside the viewport). */
  notesInDom: number
}

/**
 * Time from navigation to a rendered board of `stickies` in headless Chromium: a fresh browser
 * context per run (cold HTTP cache, fresh storage), the board stored and unloaded on the server
 * beforehand, so the server loads it from SQLite too.
 */
export async function measureBoardRender(
  server: ServerHandle,
  stickies: number,
  reps: number,
): Promise<PageTiming[]> {
  const room = await createRoom(server, `Render ${stickies}`)
  const writer = connectClient(server, room)
  await writer.synced
  addStickiesAtOnce(writer.doc, stickies)
  const witness = connectClient(server, room)
  await waitForStickies(witness.doc, stickies)
  writer.destroy()
  witness.destroy()

  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] })
  const timings: PageTiming[] = []
  try {
    for (let rep = 0; rep < reps; rep++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      // A returning participant: the name is known, so no dialog stands between page and board.
      await context.addInitScript(() => {
        window.localStorage.setItem(
          'stormline.participant',
          JSON.stringify({ id: 'bench-participant-0001', name: 'Bench' }),
        )
      })
      const page = await context.newPage()
      const query = room.token ? `?token=${encodeURIComponent(room.token)}` : ''
      await page.goto(`${server.httpUrl}/b/${room.name}${query}`, { waitUntil: 'commit' })
      const timing = await page.waitForFunction(
        (expected: number): PageTiming | false => {
          // The page's debug hook (web/src/board/debug-hook.ts), typed loosely on purpose: the
          // bench does not depend on tldraw's types. Polled every frame; once every sticky is in
          // the editor and some are in the DOM, the time is taken two painted frames later.
          const page = window as unknown as {
            __stormline?: { editor: { getCurrentPageShapeIds(): Set<string> } }
            __benchRendered?: PageTiming
            __benchPending?: boolean
          }
          if (page.__benchRendered) return page.__benchRendered
          const hook = page.__stormline
          if (!hook || page.__benchPending) return false
          if (hook.editor.getCurrentPageShapeIds().size < expected) return false
          const notesInDom = document.querySelectorAll('.tl-shape[data-shape-type="note"]').length
          if (notesInDom === 0) return false
          page.__benchPending = true
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              page.__benchRendered = { renderedMs: performance.now(), notesInDom }
            }),
          )
          return false
        },
        stickies,
        { polling: 'raf', timeout: 120_000 },
      )
      const value = (await timing.jsonValue()) as PageTiming
      timings.push({ ...value })
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return timings
}
