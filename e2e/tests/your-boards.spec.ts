import type { Locator, Page } from '@playwright/test'
import { expectLive, joinBoard, shareLinks } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * The board list story (issue #16): the home page lists the boards this browser holds links
 * for, with their role, when they were last opened and last edited, and lets the facilitator open, rename,
 * forget and delete them.
 */

test.use({ viewport: { width: 1280, height: 720 } })

/**
 * Creates a named board from the home page and waits until it is live. A browser asks for the
 * person's display name only on its first board.
 */
async function createNamedBoard(
  page: Page,
  baseUrl: string,
  boardName: string,
  displayName?: string,
): Promise<void> {
  await page.goto(baseUrl)
  await page.getByLabel(/Board name/).fill(boardName)
  await page.getByRole('button', { name: 'New board' }).click()
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
  if (displayName !== undefined) {
    await page.getByTestId('display-name-input').fill(displayName)
    await page.getByTestId('display-name-submit').click()
  }
  await expectLive(page)
  await expect(page).toHaveTitle(`${boardName} · Stormline`)
}

function yourBoards(page: Page): Locator {
  return page.getByRole('region', { name: 'Your boards' })
}

/** The list entry of one board, found by its name as a person reads it. */
function boardEntry(page: Page, name: string): Locator {
  return yourBoards(page)
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) })
}

test('the board list story: a facilitator finds, renames, forgets and deletes her boards', async ({
  stormline,
}) => {
  // Fay runs two workshops of her own; Pia invites her to a third as a participant.
  const fay = await stormline.person()
  await createNamedBoard(fay, stormline.url, 'Team retro', 'Fay')
  await createNamedBoard(fay, stormline.url, 'Release mapping')
  const pia = await stormline.person()
  await createNamedBoard(pia, stormline.url, 'Quarter planning', 'Pia')
  const planning = await shareLinks(pia)
  // Her browser knows her name already: the board opens without asking.
  await fay.goto(planning.participant)
  await expectLive(fay)
  await expect(fay).toHaveTitle('Quarter planning · Stormline')

  // Back home, Fay sees all three, the one she opened last on top, each with her role.
  await fay.goto(stormline.url)
  const entries = yourBoards(fay).getByRole('listitem')
  await expect(entries).toHaveCount(3)
  await expect(entries.first()).toContainText('Quarter planning')
  await expect(boardEntry(fay, 'Quarter planning')).toContainText('Participant')
  await expect(boardEntry(fay, 'Release mapping')).toContainText('Facilitator')
  await expect(boardEntry(fay, 'Team retro')).toContainText('Facilitator')
  await expect(boardEntry(fay, 'Team retro')).toContainText(/Opened (just now|\d+ minutes? ago)/)
  // The server says when each board last changed, whoever changed it (laying out the template
  // on first open counts).
  await expect(boardEntry(fay, 'Quarter planning')).toContainText(
    /Last edited (just now|\d+ minutes? ago)/,
  )
  // Her own boards can be renamed and deleted from here; Pia's board only opened or forgotten.
  await expect(boardEntry(fay, 'Team retro').getByRole('button', { name: /^Rename/ })).toBeVisible()
  const planningEntry = boardEntry(fay, 'Quarter planning')
  await expect(planningEntry.getByRole('link', { name: /^Open/ })).toBeVisible()
  await expect(planningEntry.getByRole('button', { name: /^Forget/ })).toBeVisible()
  await expect(planningEntry.getByRole('button', { name: /^Rename/ })).toHaveCount(0)
  await expect(planningEntry.getByRole('button', { name: /^Delete/ })).toHaveCount(0)
  await fay.screenshot({ path: '../.tmp/e2e-your-boards.png' })

  // She renames the retro, by keyboard: the list shows the new name at once...
  await boardEntry(fay, 'Team retro')
    .getByRole('button', { name: /^Rename/ })
    .click()
  const newName = fay.getByRole('textbox', { name: 'New name for Team retro' })
  await expect(newName).toBeFocused()
  await newName.fill('Incident review')
  await newName.press('Enter')
  await expect(boardEntry(fay, 'Incident review')).toBeVisible()
  await expect(boardEntry(fay, 'Team retro')).toHaveCount(0)

  // ...and so does the board itself when she opens it from the list.
  await boardEntry(fay, 'Incident review').getByRole('link', { name: /^Open/ }).click()
  await expectLive(fay)
  await expect(fay).toHaveTitle('Incident review · Stormline')
  await fay.goBack()
  await expect(yourBoards(fay)).toBeVisible()

  // Pia's board is done for Fay: she forgets it here; it stays on the server for Pia.
  await boardEntry(fay, 'Quarter planning')
    .getByRole('button', { name: /^Forget/ })
    .click()
  await expect(boardEntry(fay, 'Quarter planning')).toHaveCount(0)
  await expect(yourBoards(fay).getByRole('status')).toContainText('Quarter planning')
  await pia.reload()
  await expectLive(pia)

  // The release mapping is deleted for everyone, after she confirms.
  await boardEntry(fay, 'Release mapping')
    .getByRole('button', { name: /^Delete/ })
    .click()
  const confirm = fay.getByRole('alertdialog', { name: 'Delete Release mapping' })
  await expect(confirm).toContainText('for everyone')
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Delete the board' }).click()
  await expect(boardEntry(fay, 'Release mapping')).toHaveCount(0)
  await expect(yourBoards(fay).getByRole('status')).toContainText(/Release mapping.? was deleted/)

  // A reload keeps the list as she left it.
  await fay.reload()
  await expect(yourBoards(fay).getByRole('listitem')).toHaveCount(1)
  await expect(boardEntry(fay, 'Incident review')).toContainText('Facilitator')
})

test('a board deleted from another computer shows as gone, and can be forgotten', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  await createNamedBoard(fay, stormline.url, 'Team retro', 'Fay')
  const links = await shareLinks(fay)

  // Fay also opened the board on her laptop, then deleted it from the office computer.
  const laptop = await stormline.person()
  await joinBoard(laptop, links.facilitator, 'Fay')
  await fay.getByTestId('share-toggle').click()
  await fay.getByTestId('board-delete').click()
  await fay.getByTestId('board-delete-confirm').click()
  // Where she deleted it, it leaves the list at once.
  await expect(fay.getByTestId('new-board')).toBeVisible()
  await expect(yourBoards(fay)).toHaveCount(0)

  // The laptop still lists it, marked as deleted, with nothing left to do but forget it.
  await laptop.goto(stormline.url)
  const entry = boardEntry(laptop, 'Team retro')
  await expect(entry).toContainText('This board was deleted')
  await expect(entry.getByRole('link', { name: /^Open/ })).toHaveCount(0)
  await expect(entry.getByRole('button', { name: /^Rename/ })).toHaveCount(0)
  await entry.getByRole('button', { name: /^Forget/ }).click()
  await expect(entry).toHaveCount(0)
  await laptop.reload()
  await expect(laptop.getByRole('button', { name: 'New board' })).toBeVisible()
  await expect(yourBoards(laptop)).toHaveCount(0)
})
