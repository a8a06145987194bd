import {
  addStickyWithShortcut,
  centreOf,
  positionOf,
  selectSticky,
  sticky,
  stickyId,
} from '../fixtures/board-actions.ts'
import { createBoardAs, expectLive, joinBoard, notes } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

test('a viewer follows the board live but cannot add or move stickies', async ({ stormline }) => {
  // Fay facilitates; Pia takes part; Vic, a stakeholder, only watches with the viewer link.
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  const vic = await stormline.person()
  await joinBoard(vic, board.viewer, 'Vic')

  // Vic is told he can only look, and is offered nothing that writes.
  await expect(vic.getByTestId('view-only-badge')).toBeVisible()
  await expect(vic.getByTestId('kind-palette-step')).toHaveCount(0)
  await expect(vic.getByTestId('share-toggle')).toHaveCount(0)
  await expect(vic.getByTestId('step-next')).toHaveCount(0)
  await expect(pia.getByTestId('view-only-badge')).toHaveCount(0)

  // Pia adds a step; Vic sees it appear.
  await addStickyWithShortcut(pia, '1', { x: 640, y: 300 }, 'Request a VM')
  await expect(sticky(vic, 'Request a VM')).toBeVisible()

  // Vic points at an empty spot and presses every kind's key: nothing is added.
  await vic.mouse.click(400, 500)
  for (const key of ['1', '2', '3', '4', '5', '6']) await vic.keyboard.press(key)
  await vic.waitForTimeout(500)
  await expect(notes(vic)).toHaveCount(1)
  await expect(notes(pia)).toHaveCount(1)

  // Vic tries to drag Pia's sticky away: it stays where Pia put it, for both.
  const id = await stickyId(vic, 'Request a VM')
  const before = await positionOf(pia, id)
  const at = await centreOf(vic, id)
  await vic.mouse.move(at.x, at.y)
  await vic.mouse.down()
  await vic.mouse.move(at.x + 150, at.y + 100, { steps: 8 })
  await vic.mouse.up()
  await vic.waitForTimeout(300)
  expect(await positionOf(vic, id)).toEqual(before)
  expect(await positionOf(pia, id)).toEqual(before)

  // Vic still sees what happens next.
  await addStickyWithShortcut(pia, '2', { x: 800, y: 450 }, 'VM takes two weeks')
  await expect(sticky(vic, 'VM takes two weeks')).toBeVisible()
  await vic.screenshot({ path: '../.tmp/e2e-viewer.png' })
})

test('the facilitator renews the links: the old participant link stops working', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')

  // Fay renews the participant and viewer links, after reading what that does.
  await fay.getByTestId('share-toggle').click()
  await fay.getByTestId('share-rotate').click()
  await expect(fay.getByRole('alertdialog')).toContainText('disconnected')
  await fay.getByTestId('share-rotate-confirm').click()
  await expect(fay.getByTestId('share-message')).toContainText('New links')
  const renewed = await fay.getByTestId('share-link-participant').inputValue()
  expect(renewed).not.toBe(board.participant)
  expect(await fay.getByTestId('share-link-facilitator').inputValue()).toBe(board.facilitator)
  await fay.screenshot({ path: '../.tmp/e2e-share-panel.png' })

  // Pia, connected with the old link, is disconnected and told to ask for a new one.
  await expect(pia.getByTestId('board-link-invalid')).toBeVisible()
  await pia.screenshot({ path: '../.tmp/e2e-link-invalid.png' })
  await expect(pia.getByTestId('board-link-invalid')).toContainText(
    /ask the facilitator for a new one/i,
  )
  // Fay carries on.
  await expectLive(fay)

  // The old link no longer opens the board, for anyone.
  const late = await stormline.person()
  await late.goto(board.participant)
  await expect(late.getByTestId('board-link-invalid')).toBeVisible()

  // The new link does; Pia's name is still known in her browser.
  await pia.goto(renewed)
  await expectLive(pia)
  await addStickyWithShortcut(pia, '1', { x: 640, y: 300 }, 'Back on the board')
  await expect(sticky(fay, 'Back on the board')).toBeVisible()

  // Fay's browser loses its cookies; reopening the board from her history, she is still its
  // facilitator: her browser kept her link.
  await fay.context().clearCookies()
  await fay.reload()
  await expectLive(fay)
  await expect(fay.getByTestId('share-toggle')).toBeVisible()
})

test('sticky text that looks like HTML is shown as text to everyone', async ({ stormline }) => {
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  const pat = await stormline.person()
  const dialogs: string[] = []
  for (const page of [pia, pat])
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())))
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')

  const markup = '<img src=x onerror=alert(1)>'
  await addStickyWithShortcut(pia, '2', { x: 640, y: 300 }, markup)

  // Pat reads the characters Pia typed; nothing of it became an element.
  await expect(sticky(pat, markup)).toBeVisible()
  await expect(sticky(pat, markup)).toContainText(markup)
  await expect(sticky(pat, markup).locator('img')).toHaveCount(0)
  await expect(pat.locator('.tl-canvas img[src="x"]')).toHaveCount(0)
  await pat.waitForTimeout(500)
  expect(dialogs).toEqual([])
})

test('the facilitator runs an anonymous session, renames the board, then deletes it', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  const pat = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')

  // Fay turns on anonymous mode before the pain points come in.
  await fay.getByTestId('share-toggle').click()
  await fay.getByTestId('anonymous-toggle').check()
  await expect(pia.getByTestId('anonymous-badge')).toBeVisible()
  await addStickyWithShortcut(pia, '2', { x: 640, y: 300 }, 'Nobody owns the pipeline')

  // Pat can read the pain point but not who wrote it; the sticky carries no trace of its author
  // at all, neither name nor id (issue #14: the server refuses a sticky that does).
  await selectSticky(pat, 'Nobody owns the pipeline')
  await expect(pat.getByTestId('details-author')).toHaveText(/^Anonymous/)
  const id = await stickyId(pat, 'Nobody owns the pipeline')
  const meta = await pat.evaluate((shapeId) => {
    const editor = window.__stormline?.editor as { getShape(id: string): { meta: unknown } }
    return (editor.getShape(shapeId).meta as { stormline: Record<string, unknown> }).stormline
  }, id)
  expect(meta).not.toHaveProperty('authorId')
  expect(meta).not.toHaveProperty('authorName')
  // Nor does tldraw's own note attribution name its last editor.
  await expect(
    sticky(pat, 'Nobody owns the pipeline').locator('.tl-note__attribution'),
  ).toHaveCount(0)

  // Fay gives the board its real name.
  await fay.getByTestId('board-rename-input').fill('Deployment discovery')
  await fay.getByTestId('board-rename-save').click()
  await expect(fay).toHaveTitle('Deployment discovery · Stormline')

  // Pia's browser tries a facilitator-only change (as an outdated or tampered client would):
  // the server refuses it, and Pia is asked to reload rather than carry on with a stale board.
  await pia.evaluate(() => {
    const hook = window.__stormline as unknown as {
      doc: { getMap(name: string): { set(key: string, value: unknown): void } }
    }
    hook.doc.getMap('session').set('step', 5)
  })
  await expect(pia.getByTestId('board-edit-refused')).toContainText('Only the facilitator')
  await pia.getByTestId('board-reload').click()
  await expectLive(pia)
  await expect(sticky(pia, 'Nobody owns the pipeline')).toBeVisible()
  await expect(pia.getByTestId('current-step')).toContainText('Step 1 of 6')

  // Fay deletes the board after confirming; she is back home, the others are told.
  await fay.getByTestId('board-delete').click()
  await fay.getByTestId('board-delete-confirm').click()
  await expect(fay.getByTestId('new-board')).toBeVisible()
  await expect(pat.getByTestId('board-deleted')).toBeVisible()
  await expect(pia.getByTestId('board-deleted')).toBeVisible()
})

test('on another computer the facilitator renews links she does not have there', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')

  // Fay opens her own link on her laptop: it knows her link, not the ones to hand out.
  const laptop = await stormline.person()
  await joinBoard(laptop, board.facilitator, 'Fay')
  await expect(laptop).toHaveURL(/\/b\/[A-Za-z0-9_-]{22}$/)
  await laptop.getByTestId('share-toggle').click()
  await expect(laptop.getByTestId('share-link-facilitator')).toHaveValue(
    new RegExp(`/b/${board.boardId}\\?token=`),
  )
  await expect(laptop.getByTestId('share-link-participant-missing')).toBeVisible()
  await expect(laptop.getByTestId('share-links-unknown')).toBeVisible()

  // Renewing gives her links to share from this computer too.
  await laptop.getByTestId('share-rotate').click()
  await laptop.getByTestId('share-rotate-confirm').click()
  const participantLink = await laptop.getByTestId('share-link-participant').inputValue()
  expect(participantLink).not.toBe(board.participant)
  const pia = await stormline.person()
  await joinBoard(pia, participantLink, 'Pia')
  await expect(pia.getByTestId('view-only-badge')).toHaveCount(0)
})

test('the facilitator keeps the board as a file and starts a new board from it', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  await addStickyWithShortcut(fay, '2', { x: 640, y: 300 }, 'Release needs a weekend')

  // Fay downloads the whole board from the share panel's settings.
  await fay.getByTestId('share-toggle').click()
  const [download] = await Promise.all([
    fay.waitForEvent('download'),
    fay.getByTestId('board-export').click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.stormline\.json$/)
  const file = await download.path()

  // Later she imports it from the home page: a new board with the same stickies and new links.
  await fay.goto(stormline.url)
  await fay.getByTestId('import-board').setInputFiles(file)
  await fay.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
  await expectLive(fay)
  expect(new URL(fay.url()).pathname).not.toContain(board.boardId)
  await expect(sticky(fay, 'Release needs a weekend')).toBeVisible()
  await fay.getByTestId('share-toggle').click()
  await expect(fay.getByTestId('share-link-participant')).not.toHaveValue(board.participant)
})
