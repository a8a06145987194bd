import type { Page } from '@playwright/test'
import { addStickyWithShortcut, pointInPhase, selectSticky } from '../fixtures/board-actions.ts'
import {
  checkpointRow,
  closeSection,
  laptopAndDesktop,
  openSection,
  saveCheckpoint,
} from '../fixtures/cockpit.ts'
import { unreachableControls } from '../fixtures/reachability.ts'
import { createBoardAs } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * A facilitator on a laptop (1280×720) and on a desktop screen (1920×1080): with every panel
 * open, one at a time and together, every control is on screen and not covered by another; and
 * with a checkpoint open read-only beside the live board.
 */

/** Fails with the list of controls a person could not reach, so the report says which. */
async function expectEverythingReachable(page: Page, situation: string): Promise<void> {
  await expect
    .poll(async () => unreachableControls(page), { message: `reachable with ${situation}` })
    .toEqual([])
}

/** Notes and the timeline whose box is not wholly between the cockpit and the backlog drawer, on screen. */
async function notesOutsideFreeArea(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const left = document.querySelector('.stormline-cockpit')?.getBoundingClientRect().right ?? 0
    const right =
      document.querySelector('.stormline-backlog')?.getBoundingClientRect().left ??
      window.innerWidth
    return [
      ...document.querySelectorAll(
        '.tl-shape[data-shape-type="note"], .tl-shape[data-shape-type="timeline"]',
      ),
    ]
      .filter((note) => {
        const box = note.getBoundingClientRect()
        return (
          box.left < left || box.right > right || box.top < 0 || box.bottom > window.innerHeight
        )
      })
      .map((note) => note.textContent ?? '')
  })
}

const sections = [
  'cockpit-session-toggle',
  'cockpit-vote-toggle',
  'cockpit-people-toggle',
  'timeline-edit-toggle',
  'suggestions-toggle',
  'cockpit-view-toggle',
  'history-toggle',
  'share-toggle',
]

for (const screen of laptopAndDesktop) {
  test.describe(`on a ${screen.width}×${screen.height} screen`, () => {
    test.use({ viewport: screen })

    test('the facilitator reaches every control with each panel open', async ({ stormline }) => {
      const fay = await stormline.person()
      await createBoardAs(fay, stormline.url, 'Fay')
      await addStickyWithShortcut(fay, '1', await pointInPhase(fay, 1), 'Ticket for a VM')
      await addStickyWithShortcut(fay, '2', await pointInPhase(fay, 2), 'VM takes two weeks')
      await expectEverythingReachable(fay, 'the board as it opens')
      // A checkpoint saved by hand: the History section then shows a row with View and Restore.
      await saveCheckpoint(fay, 'Before clustering')
      await closeSection(fay, 'history-toggle')

      for (const section of sections) {
        await openSection(fay, section)
        await expectEverythingReachable(fay, `${section} open`)
        await closeSection(fay, section)
      }

      // Everything open at once, the backlog drawer too, and a sticky selected (its details and
      // the style panel show): still nothing out of reach or under something else.
      for (const section of sections) await openSection(fay, section)
      await fay.getByTestId('backlog-toggle').click()
      await expect(fay.getByTestId('backlog-panel')).toBeVisible()
      await expectEverythingReachable(fay, 'every section and the backlog open')
      await selectSticky(fay, 'VM takes two weeks')
      await expectEverythingReachable(fay, 'a sticky selected with everything open')

      // The checkpoint open beside the live board: the pane takes the right edge, the backlog
      // drawer steps aside while it is open, and the live board's controls stay in reach.
      await checkpointRow(fay, 'Before clustering').getByTestId('checkpoint-view').click()
      await expect(
        fay.getByTestId('checkpoint-board').locator('.tl-shape[data-shape-type="note"]').first(),
      ).toBeVisible()
      await expect(fay.getByTestId('backlog-panel')).toBeHidden()
      await expectEverythingReachable(fay, 'a checkpoint open beside the board')
    })
  })
}

test.describe('on a laptop', () => {
  test.use({ viewport: { width: 1280, height: 720 } })

  test('the facilitator runs the six steps without scrolling the page or hunting for a control', async ({
    stormline,
  }) => {
    const fay = await stormline.person()
    await createBoardAs(fay, stormline.url, 'Fay')

    // The opening view shows the timeline at a zoom where sticky text is readable.
    const zoom = await fay.evaluate(() => {
      const editor = window.__stormline?.editor as { getZoomLevel(): number }
      return editor.getZoomLevel()
    })
    expect(zoom).toBeGreaterThanOrEqual(0.5)
    await expect(fay.locator('.timeline-shape').first()).toBeInViewport()

    // Step 1: map; the timer runs.
    await fay.getByTestId('timer-start').click()
    await addStickyWithShortcut(fay, '1', await pointInPhase(fay, 1), 'Ask for a VM')
    // Zoom to fit (Shift+1) frames the whole board in the part the drawers leave free.
    await fay.getByTestId('backlog-toggle').click()
    await fay.locator('.tl-canvas').click({ position: { x: 700, y: 120 } })
    await fay.keyboard.press('Shift+1')
    await expect.poll(async () => notesOutsideFreeArea(fay)).toEqual([])
    await fay.getByRole('button', { name: 'Close the backlog' }).click()

    // Steps 2 to 6, each a click on "next" in the same place.
    for (const step of [2, 3, 4, 5, 6]) {
      await fay.getByTestId('step-next').click()
      await expect(fay.getByTestId('current-step')).toHaveAttribute('data-step', String(step))
      await expectEverythingReachable(fay, `step ${step}`)
    }
    // The vote opens and closes from its section; the timeline locks from its own.
    await openSection(fay, 'cockpit-vote-toggle')
    await fay.getByTestId('vote-open').click()
    await expect(fay.getByTestId('vote-status')).toHaveAttribute('data-state', 'open')
    await expectEverythingReachable(fay, 'a vote open')
    await fay.getByTestId('vote-close').click()
    await expect(fay.getByTestId('vote-status')).toHaveAttribute('data-state', 'closed')
    await openSection(fay, 'timeline-edit-toggle')
    await fay.getByTestId('timeline-lock').click()
    await expect(fay.getByTestId('timeline-lock')).toHaveAttribute('aria-pressed', 'true')

    // Folding the cockpit gives the board the room; unfolding brings every section back.
    await fay.getByTestId('cockpit-fold').click()
    await expect(fay.getByTestId('cockpit')).toBeHidden()
    await expectEverythingReachable(fay, 'the cockpit folded')
    await fay.getByTestId('cockpit-fold').click()
    await expect(fay.getByTestId('timeline-lock')).toBeVisible()
  })
})
