import type { Locator, Page } from '@playwright/test'
import { seriousViolations } from '../fixtures/accessibility.ts'
import { addStickyWithShortcut, pointInPhase } from '../fixtures/board-actions.ts'
import { closeSection, openSection, saveCheckpoint } from '../fixtures/cockpit.ts'
import { createBoardAs } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * The home page, a board with each panel open and the backlog pass axe-core with no serious or
 * critical violation; every cockpit control is reached with Tab and shows where the focus is.
 */

test.use({ viewport: { width: 1280, height: 720 } })

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), `axe-core on ${where}`).toEqual([])
}

test('the home page and a board with each panel open pass axe-core', async ({ stormline }) => {
  // Ten full scans of a page as large as tldraw’s take their time on a 2-core machine.
  test.setTimeout(240_000)
  const fay = await stormline.person()
  await fay.goto(stormline.url)
  await expect(fay.getByTestId('new-board')).toBeVisible()
  await expectNoSeriousViolations(fay, 'the home page')

  await createBoardAs(fay, stormline.url, 'Fay')
  await addStickyWithShortcut(fay, '2', await pointInPhase(fay, 2), 'VM takes two weeks')
  await expectNoSeriousViolations(fay, 'the board as it opens')
  // A checkpoint saved by hand, so the History section shows a row with its View and Restore.
  await saveCheckpoint(fay, 'Before clustering')
  await closeSection(fay, 'history-toggle')
  for (const section of [
    'cockpit-vote-toggle',
    'timeline-edit-toggle',
    'suggestions-toggle',
    'cockpit-view-toggle',
    'history-toggle',
    'share-toggle',
  ]) {
    await openSection(fay, section)
    await expectNoSeriousViolations(fay, `the board with ${section} open`)
  }
  await fay.getByTestId('backlog-toggle').click()
  await expect(fay.getByTestId('backlog-panel')).toBeVisible()
  await expectNoSeriousViolations(fay, 'the backlog')

  // A vote open (dots on the board's pain points, dots left by the name) and the heat-map on.
  await fay.getByTestId('vote-open').click()
  await expect(fay.getByTestId('canvas-vote-target').first()).toBeVisible()
  await fay.getByTestId('heatmap-toggle').click()
  await expect(fay.getByTestId('heatmap-phase').first()).toBeVisible()
  await expectNoSeriousViolations(fay, 'a vote open on the board with the heat-map on')
})

test('the cluster suggestions pass axe-core with a new cluster and an addition to one shown', async ({
  stormline,
}) => {
  // Fay maps two groups of pain points; the suggestions section then offers a cluster for each.
  const fay = await stormline.person()
  await createBoardAs(fay, stormline.url, 'Fay')
  for (const [phase, aboveBar, text] of [
    [2, 250, 'VM requests take two weeks'],
    [2, 600, 'VM requests need a cost centre'],
    [2, 950, 'Waiting weeks for a new VM'],
    [4, 250, 'Security review approval takes a month'],
    [4, 600, 'Security review needs three approvals'],
    [4, 950, 'Pen test for the security review booked late'],
  ] as const) {
    await addStickyWithShortcut(fay, '2', await pointInPhase(fay, phase, aboveBar), text)
  }
  await openSection(fay, 'suggestions-toggle')
  const suggestions = fay.getByTestId('cluster-suggestions')
  const vmSuggestion = suggestions
    .locator('[data-testid^="suggestion-"]', { hasText: 'VM requests take two weeks' })
    .filter({ has: fay.locator('[data-testid^="suggestion-accept-"]') })
  await vmSuggestion.locator('[data-testid^="suggestion-accept-"]').click()
  await expect(fay.locator('[data-testid^="cluster-label-"]')).toHaveCount(1)

  // A pain point in other words fits the cluster Fay made: offered as an addition, with Add and
  // Reject, above the security cluster still suggested as a new one.
  await addStickyWithShortcut(
    fay,
    '2',
    await pointInPhase(fay, 2, 1300),
    'Nobody knows who provisions the staging servers',
  )
  await expect(suggestions.locator('[data-testid^="addition-accept-"]')).toHaveCount(1)
  await expect(suggestions.locator('[data-testid^="suggestion-accept-"]')).not.toHaveCount(0)
  await expectNoSeriousViolations(fay, 'the suggestions with an addition and a new cluster')
})

/**
 * Tabs from `start` for as long as the focus stays inside `container`, checking that each control
 * that takes the focus draws a visible ring (an outline or a box shadow). Reached by keyboard
 * (Tab, then back) as a keyboard user would: browsers draw focus rings for keyboard focus only.
 */
async function tabThrough(page: Page, start: Locator, container: string): Promise<Set<string>> {
  await start.focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Shift+Tab')
  const reached = new Set<string>()
  for (let i = 0; i < 150; i++) {
    const focused = await page.evaluate((container) => {
      const element = document.activeElement as HTMLElement | null
      if (element === null || element.closest(container) === null) {
        return { left: true }
      }
      const style = getComputedStyle(element)
      const ring =
        (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none'
      return {
        id:
          element.dataset.testid ??
          element.getAttribute('aria-label') ??
          element.textContent?.trim() ??
          '',
        ring,
      }
    }, container)
    if ('left' in focused) break
    expect(focused.ring, `focus ring on ${focused.id}`).toBe(true)
    reached.add(focused.id)
    await page.keyboard.press('Tab')
  }
  return reached
}

test('every control of the cockpit, the backlog and the board’s votes works from the keyboard', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  await createBoardAs(fay, stormline.url, 'Fay')
  await addStickyWithShortcut(fay, '2', await pointInPhase(fay, 1), 'VM takes two weeks')
  await saveCheckpoint(fay, 'Before clustering')
  for (const section of ['timeline-edit-toggle', 'cockpit-view-toggle', 'share-toggle']) {
    await openSection(fay, section)
  }

  const cockpit = await tabThrough(fay, fay.getByTestId('cockpit-fold'), '.stormline-cockpit')
  for (const control of [
    'cockpit-session-toggle',
    'step-next',
    'timer-start',
    'vote-open',
    'timeline-lock',
    'heatmap-toggle',
    'export-image-png',
    'history-name-input',
    'history-save',
    'checkpoint-view',
    'checkpoint-restore',
    'share-link-participant',
  ]) {
    expect(cockpit, `Tab reaches ${control}`).toContain(control)
  }

  // They work from the keyboard: Enter on "next step" moves the workshop on, Space opens the vote.
  await fay.getByTestId('step-next').focus()
  await fay.keyboard.press('Enter')
  await expect(fay.getByTestId('current-step')).toHaveAttribute('data-step', '2')
  await fay.getByTestId('vote-open').focus()
  await fay.keyboard.press('Space')
  await expect(fay.getByTestId('vote-status')).toHaveAttribute('data-state', 'open')

  // A dot on the board's pain point from the keyboard: Enter gives one, Delete takes it back.
  const target = fay.getByTestId('canvas-vote-target').first()
  await target.getByRole('button').first().focus()
  await fay.keyboard.press('Enter')
  await expect(target).toHaveAttribute('data-my-dots', '1')
  await fay.keyboard.press('Delete')
  await expect(target).toHaveAttribute('data-my-dots', '0')

  // The backlog drawer opens from the keyboard; its controls take the focus in turn.
  await fay.getByTestId('backlog-toggle').focus()
  await fay.keyboard.press('Enter')
  await expect(fay.getByTestId('backlog-panel')).toBeVisible()
  const backlog = await tabThrough(
    fay,
    fay.getByRole('button', { name: 'Close the backlog' }),
    '.stormline-backlog',
  )
  // A sticky is still selected: Tab on a link must move the focus, not select the next shape.
  for (const control of ['download-md', 'download-csv', 'download-json']) {
    expect(backlog, `Tab reaches ${control}`).toContain(control)
  }
})
