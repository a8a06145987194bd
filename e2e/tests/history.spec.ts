import type { Locator, Page } from '@playwright/test'
import { seriousViolations } from '../fixtures/accessibility.ts'
import {
  addStickyWithShortcut,
  boardStickyTexts,
  centreOf,
  pointInPhase,
  positionOf,
  stickyId,
} from '../fixtures/board-actions.ts'
import { closeSection, openSection } from '../fixtures/cockpit.ts'
import { unreachableControls } from '../fixtures/reachability.ts'
import {
  createBoardAs,
  joinBoard,
  recordForeignRequests,
  waitForTextEditing,
} from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * The history story (issue #16): the group saves a checkpoint, changes the board, looks at the
 * checkpoint read-only beside the live board, and the facilitator rolls the board back to it as
 * a change everyone sees, then undoes that.
 */

test.use({ viewport: { width: 1280, height: 720 } })

/** One checkpoint in the History section, found by its name as a person reads it. */
function checkpoint(page: Page, name: string): Locator {
  return page.getByTestId('checkpoint-row').filter({ has: page.getByText(name, { exact: true }) })
}

/** A sticky as the read-only checkpoint view beside the board shows it. */
function stickyInCheckpoint(page: Page, text: string): Locator {
  return page
    .getByTestId('checkpoint-board')
    .locator('.tl-shape[data-shape-type="note"]', { hasText: text })
}

/**
 * Screen point at the centre of a sticky, after panning the board to bring it to the middle of
 * the screen, as a person scrolls to the sticky they want to work on.
 */
async function bringIntoView(page: Page, shapeId: string): Promise<{ x: number; y: number }> {
  await page.evaluate((id) => {
    const editor = window.__stormline?.editor as {
      getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined
      centerOnPoint(point: { x: number; y: number }): void
    }
    const bounds = editor.getShapePageBounds(id)
    if (!bounds) throw new Error(`no shape ${id}`)
    editor.centerOnPoint({ x: bounds.x + bounds.w / 2, y: bounds.y + bounds.h / 2 })
  }, shapeId)
  return centreOf(page, shapeId)
}

/** Clicks a sticky (and nothing else is selected), then deletes it with the Delete key. */
async function deleteSticky(page: Page, shapeId: string): Promise<void> {
  await page.keyboard.press('Escape')
  const at = await bringIntoView(page, shapeId)
  await page.mouse.click(at.x, at.y)
  await expect(page.getByTestId('sticky-details')).toBeVisible()
  await page.keyboard.press('Delete')
}

/** Drags a sticky by its centre, in small steps as a hand does. */
async function drag(page: Page, shapeId: string, by: { x: number; y: number }): Promise<void> {
  const from = await bringIntoView(page, shapeId)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(from.x + (by.x * step) / 10, from.y + (by.y * step) / 10)
  }
  await page.mouse.up()
}

/**
 * Double-clicks into a sticky and replaces its whole text. tldraw places the caret a moment after
 * the text editor appears, which can undo a selection made before: the old text is cleared until
 * it is gone, and only then is the new text typed.
 */
async function rewrite(page: Page, shapeId: string, text: string): Promise<void> {
  await page.keyboard.press('Escape')
  const at = await bringIntoView(page, shapeId)
  await page.mouse.dblclick(at.x, at.y)
  await waitForTextEditing(page)
  await expect
    .poll(async () => {
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.press('Backspace')
      return page.evaluate(() => {
        const editor = window.__stormline?.editor as {
          getRichTextEditor(): { state: { doc: { textContent: string } } } | null
        }
        return editor.getRichTextEditor()?.state.doc.textContent
      })
    })
    .toBe('')
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
}

const mapped = [
  'Coffee machine is broken',
  'Security review takes a month',
  'VM requests take two weeks',
]
const clustered = [
  'Deploys wait for the weekly CAB',
  'Security review takes a month',
  'VM requests take three weeks',
]

test('the facilitator rolls the board back to a checkpoint, and undoes it', async ({
  stormline,
}) => {
  // Two people, an axe-core scan of a page holding two editors: more than the default.
  test.setTimeout(180_000)
  // Fay facilitates; Pat maps pain points along the timeline.
  const fay = await stormline.person()
  // The checkpoint's view is a second tldraw editor: it too fetches nothing from other hosts.
  const foreign = recordForeignRequests(fay.context(), () => stormline.url)
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pat = await stormline.person()
  await joinBoard(pat, board.participant, 'Pat')
  await addStickyWithShortcut(pat, '2', await pointInPhase(pat, 0), 'Coffee machine is broken')
  await addStickyWithShortcut(pat, '2', await pointInPhase(pat, 2), 'VM requests take two weeks')
  await addStickyWithShortcut(pat, '2', await pointInPhase(pat, 4), 'Security review takes a month')
  await expect.poll(() => boardStickyTexts(fay)).toEqual(mapped)

  // Before the group starts clustering, Fay saves the board as it is under a name.
  await openSection(fay, 'history-toggle')
  await fay.getByTestId('history-name-input').fill('Before clustering')
  await fay.getByTestId('history-save').click()
  await expect(fay.getByTestId('history-status')).toHaveText(
    'Checkpoint ‘Before clustering’ saved.',
  )
  const saved = checkpoint(fay, 'Before clustering')
  await expect(saved).toContainText('Saved by hand')
  await expect(saved).toContainText('3 stickies')

  // A name the server refuses says why, and nothing is saved.
  await fay.getByTestId('history-name-input').fill('   ')
  await fay.getByTestId('history-save').click()
  await expect(fay.getByTestId('history-status')).toHaveAttribute('data-error', 'true')
  await expect(fay.getByTestId('history-status')).toHaveText('Give the checkpoint a name.')
  await expect(checkpoint(fay, 'Before clustering')).toHaveCount(1)

  // Pat clears the coffee machine away, rewords one sticky, moves another and adds a new one.
  await deleteSticky(pat, await stickyId(pat, 'Coffee machine is broken'))
  await rewrite(
    pat,
    await stickyId(pat, 'VM requests take two weeks'),
    'VM requests take three weeks',
  )
  const security = await stickyId(pat, 'Security review takes a month')
  const securityWas = await positionOf(pat, security)
  await drag(pat, security, { x: 0, y: -120 })
  await expect
    .poll(async () => (await positionOf(pat, security)).y)
    .toBeLessThan(securityWas.y - 50)
  const securityMoved = await positionOf(pat, security)
  await addStickyWithShortcut(
    pat,
    '2',
    await pointInPhase(pat, 5),
    'Deploys wait for the weekly CAB',
  )
  await expect.poll(() => boardStickyTexts(fay)).toEqual(clustered)

  // Pat may save checkpoints and look at them, but restoring is the facilitator's.
  await openSection(pat, 'history-toggle')
  await expect(checkpoint(pat, 'Before clustering')).toBeVisible()
  await expect(pat.getByTestId('history-name-input')).toBeVisible()
  await expect(pat.getByTestId('checkpoint-restore')).toHaveCount(0)

  // Vic follows with the viewer link: he can look at the checkpoint, not save one.
  const vic = await stormline.person()
  await joinBoard(vic, board.viewer, 'Vic')
  await openSection(vic, 'history-toggle')
  await checkpoint(vic, 'Before clustering').getByTestId('checkpoint-view').click()
  await expect(stickyInCheckpoint(vic, 'Coffee machine is broken')).toBeVisible()
  await expect(vic.getByTestId('history-name-input')).toHaveCount(0)
  await expect(vic.getByTestId('checkpoint-restore')).toHaveCount(0)

  // Fay has the backlog open; the checkpoint takes its place on the right while it is open.
  await fay.getByTestId('backlog-toggle').click()
  await expect(fay.getByTestId('backlog-panel')).toBeVisible()

  // Fay looks at the checkpoint beside the live board: the coffee machine is there, read-only,
  // while the live board goes on without it.
  await saved.getByTestId('checkpoint-view').click()
  const pane = fay.getByTestId('checkpoint-pane')
  await expect(pane.getByRole('heading')).toHaveText('Checkpoint ‘Before clustering’ — read-only')
  await expect(stickyInCheckpoint(fay, 'Coffee machine is broken')).toBeVisible()
  await expect(stickyInCheckpoint(fay, 'VM requests take two weeks')).toBeVisible()
  await expect(stickyInCheckpoint(fay, 'Deploys wait for the weekly CAB')).toHaveCount(0)
  expect(await boardStickyTexts(fay)).toEqual(clustered)
  // The live board stays usable beside it: Pat's changes keep arriving there.
  await addStickyWithShortcut(pat, '2', await pointInPhase(pat, 1), 'Waiting for a firewall rule')
  await expect
    .poll(() => boardStickyTexts(fay))
    .toEqual([...clustered, 'Waiting for a firewall rule'].sort())
  await expect(stickyInCheckpoint(fay, 'Waiting for a firewall rule')).toHaveCount(0)

  // Read-only: Delete on a sticky in the checkpoint changes neither the checkpoint nor the board.
  await stickyInCheckpoint(fay, 'Coffee machine is broken').click()
  await fay.keyboard.press('Delete')
  await expect(stickyInCheckpoint(fay, 'Coffee machine is broken')).toBeVisible()
  expect(await boardStickyTexts(fay)).toEqual([...clustered, 'Waiting for a firewall rule'].sort())

  // On a laptop, the History section and the pane pass axe-core and every control is reachable.
  expect(await seriousViolations(fay), 'axe-core with History and a checkpoint open').toEqual([])
  await expect.poll(() => unreachableControls(fay)).toEqual([])

  // Fay restores it: she is asked first, then everyone sees the board as it was.
  await saved.getByTestId('checkpoint-restore').click()
  const confirm = fay.getByTestId('history-restore-dialog')
  await expect(confirm).toContainText(
    'Restore the board to ‘Before clustering’? Everyone sees the change; you can undo it.',
  )
  await confirm.getByTestId('history-restore-confirm').click()
  await expect(fay.getByTestId('history-status')).toContainText(
    'Board restored to ‘Before clustering’.',
  )
  for (const person of [pat, fay]) await expect.poll(() => boardStickyTexts(person)).toEqual(mapped)
  await expect.poll(async () => (await positionOf(pat, security)).y).toBe(securityWas.y)
  // The board as it was before the restore is kept, and the restore can be undone from it too.
  const beforeRestore = fay.locator('[data-testid="checkpoint-row"][data-kind="before-restore"]')
  await expect(beforeRestore).toHaveCount(1)
  await expect(beforeRestore).toContainText('Before restore')
  await expect(beforeRestore.getByTestId('checkpoint-undo-restore')).toBeVisible()

  // Pat sees the restore in the history too, and still no button to restore or undo.
  await closeSection(pat, 'history-toggle')
  await openSection(pat, 'history-toggle')
  await expect(
    pat.locator('[data-testid="checkpoint-row"][data-kind="before-restore"]'),
  ).toHaveCount(1)
  await expect(pat.getByTestId('checkpoint-restore')).toHaveCount(0)
  await expect(pat.getByTestId('checkpoint-undo-restore')).toHaveCount(0)

  // Fay changes her mind: the undo puts back the clustered board, for everyone.
  await fay.getByTestId('history-undo-restore').click()
  await expect(fay.getByTestId('history-status')).toContainText('Restore undone')
  const afterClustering = [...clustered, 'Waiting for a firewall rule'].sort()
  for (const person of [pat, fay]) {
    await expect.poll(() => boardStickyTexts(person)).toEqual(afterClustering)
  }
  await expect.poll(async () => (await positionOf(pat, security)).y).toBe(securityMoved.y)
  // That restore is undone: it is not offered again.
  await expect(beforeRestore.getByTestId('checkpoint-undo-restore')).toHaveCount(0)

  // From the keyboard: Escape closes the checkpoint view and gives the focus back to its View
  // button; Enter there opens it again, with the focus on its Close button.
  await pane.getByTestId('checkpoint-pane-close').focus()
  await fay.keyboard.press('Escape')
  await expect(pane).toHaveCount(0)
  await expect(saved.getByTestId('checkpoint-view')).toBeFocused()
  await fay.keyboard.press('Enter')
  await expect(pane.getByTestId('checkpoint-pane-close')).toBeFocused()
  await expect(stickyInCheckpoint(fay, 'Coffee machine is broken')).toBeVisible()
  await fay.keyboard.press('Escape')
  await expect(pane).toHaveCount(0)
  await expect(fay.getByTestId('backlog-panel')).toBeVisible()

  // The workshop is over: Fay deletes the checkpoint she named (Pat cannot); the checkpoint taken
  // before the restore goes by retention, and the board itself does not change.
  await expect(pat.getByTestId('checkpoint-delete')).toHaveCount(0)
  await expect(beforeRestore.getByTestId('checkpoint-delete')).toHaveCount(0)
  await saved.getByTestId('checkpoint-delete').click()
  const deleting = fay.getByTestId('history-delete-dialog')
  await expect(deleting).toContainText(
    'Delete the checkpoint ‘Before clustering’? The board itself does not change.',
  )
  await deleting.getByTestId('history-delete-confirm').click()
  await expect(fay.getByTestId('history-status')).toHaveText(
    'Checkpoint ‘Before clustering’ deleted.',
  )
  await expect(saved).toHaveCount(0)
  await expect(beforeRestore).toHaveCount(1)
  await expect.poll(() => boardStickyTexts(pat)).toEqual(afterClustering)
  expect(foreign).toEqual([])
})
