import { expect, test } from '@playwright/test'
import type { ServerProcess } from '../../server/test/support/server-process.ts'
import {
  createBoardAs,
  expectLive,
  joinBoard,
  notes,
  recordForeignRequests,
  startStormline,
  waitForTextEditing,
} from '../fixtures/stormline.ts'

let server: ServerProcess

test.beforeEach(async () => {
  server = await startStormline()
})

test.afterEach(async () => {
  await server.dispose()
})

test('two people edit one board live, and the board survives a server restart', async ({
  browser,
}) => {
  const facilitatorContext = await browser.newContext()
  const participantContext = await browser.newContext()
  const foreign = [
    ...[facilitatorContext, participantContext].map((context) =>
      recordForeignRequests(context, () => server.httpUrl),
    ),
  ]

  // Ada, the facilitator, creates a board from the home page.
  const ada = await facilitatorContext.newPage()
  const board = await createBoardAs(ada, server.httpUrl, 'Ada')

  // Ben joins through the participant link Ada shared.
  const ben = await participantContext.newPage()
  await joinBoard(ben, board.participant, 'Ben')

  // Ada adds a sticky note with the note tool and types into it.
  await ada.locator('.tl-canvas').click({ position: { x: 640, y: 200 } })
  await ada.keyboard.press('n')
  await ada.locator('.tl-canvas').click({ position: { x: 500, y: 350 } })
  await waitForTextEditing(ada)
  await ada.keyboard.type('Waiting two weeks for a VM')
  await ada.keyboard.press('Escape')
  await expect(notes(ada)).toHaveCount(1)

  // Ben sees it within two seconds, text included.
  await expect(notes(ben)).toHaveCount(1, { timeout: 2_000 })
  await expect(notes(ben).first()).toContainText('Waiting two weeks for a VM', { timeout: 2_000 })

  // Ben edits the text; Ada sees the change.
  await notes(ben).first().dblclick()
  await waitForTextEditing(ben)
  await ben.keyboard.press('ControlOrMeta+a')
  await ben.keyboard.type('Waiting three weeks for a VM')
  await ben.keyboard.press('Escape')
  await expect(notes(ada).first()).toContainText('Waiting three weeks for a VM', { timeout: 2_000 })

  // Each sees the other's cursor, labelled with their name.
  await ada.mouse.move(300, 300)
  await ada.mouse.move(320, 320)
  await expect(ben.locator('.tl-nametag', { hasText: 'Ada' })).toBeVisible()
  await ben.mouse.move(700, 500)
  await ben.mouse.move(720, 520)
  await expect(ada.locator('.tl-nametag', { hasText: 'Ben' })).toBeVisible()

  // The server is killed and comes back; the open pages reconnect and keep the note.
  server = await server.restart()
  await expectLive(ada)
  await expectLive(ben)
  await expect(notes(ben).first()).toContainText('Waiting three weeks for a VM')

  // Someone opening the link afresh after the restart gets the stored board.
  const lateContext = await browser.newContext()
  foreign.push(recordForeignRequests(lateContext, () => server.httpUrl))
  const cleo = await lateContext.newPage()
  await joinBoard(cleo, board.participant, 'Cleo')
  await expect(notes(cleo)).toHaveCount(1)
  await expect(notes(cleo).first()).toContainText('Waiting three weeks for a VM')

  await ada.screenshot({ path: '../.tmp/e2e-ada.png' })
  await cleo.screenshot({ path: '../.tmp/e2e-cleo.png' })

  // Nothing was fetched from any host but Stormline's own.
  expect(foreign.flat()).toEqual([])
  await Promise.all([facilitatorContext, participantContext, lateContext].map((c) => c.close()))
})

test('a link to a board that does not exist says so', async ({ page }) => {
  await page.goto(`${server.httpUrl}/b/AAAAAAAAAAAAAAAAAAAAAA`)
  await expect(page.getByTestId('board-not-found')).toBeVisible()
})
