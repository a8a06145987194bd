import type { Page } from '@playwright/test'
import { seriousViolations } from '../fixtures/accessibility.ts'
import { addStickyWithShortcut, pointInPhase } from '../fixtures/board-actions.ts'
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

async function open(page: Page, testId: string): Promise<void> {
  const toggle = page.getByTestId(testId)
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
}

test('the home page and a board with each panel open pass axe-core', async ({ stormline }) => {
  // Eight full scans of a page as large as tldraw's take their time on a 2-core machine.
  test.setTimeout(240_000)
  const fay = await stormline.person()
  await fay.goto(stormline.url)
  await expect(fay.getByTestId('new-board')).toBeVisible()
  await expectNoSeriousViolations(fay, 'the home page')

  await createBoardAs(fay, stormline.url, 'Fay')
  await addStickyWithShortcut(fay, '2', await pointInPhase(fay, 2), 'VM takes two weeks')
  await expectNoSeriousViolations(fay, 'the board as it opens')
  for (const section of [
    'cockpit-vote-toggle',
    'timeline-edit-toggle',
    'suggestions-toggle',
    'cockpit-view-toggle',
    'share-toggle',
  ]) {
    await open(fay, section)
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

test('every cockpit control is reached with the keyboard and shows its focus', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  await createBoardAs(fay, stormline.url, 'Fay')
  await open(fay, 'cockpit-vote-toggle')

  // Tab from the cockpit's fold button through the cockpit: each control takes the focus in
  // turn, and each draws a visible focus ring (an outline or a box shadow).
  // Reached by keyboard (Tab, then back), as a keyboard user would: browsers draw focus rings
  // for keyboard focus, not for clicks.
  await fay.getByTestId('cockpit-fold').focus()
  await fay.keyboard.press('Tab')
  await fay.keyboard.press('Shift+Tab')
  const reached = new Set<string>()
  for (let i = 0; i < 40; i++) {
    const focused = await fay.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      if (element === null || element.closest('.stormline-cockpit') === null) return null
      const style = getComputedStyle(element)
      const ring =
        (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none'
      return { id: element.dataset.testid ?? element.textContent?.trim() ?? '', ring }
    })
    if (focused === null) break
    expect(focused.ring, `focus ring on ${focused.id}`).toBe(true)
    reached.add(focused.id)
    await fay.keyboard.press('Tab')
  }
  for (const control of ['cockpit-session-toggle', 'step-next', 'timer-start', 'vote-open']) {
    expect(reached, `Tab reaches ${control}`).toContain(control)
  }

  // And they work from the keyboard: Enter on "next step" moves the workshop on.
  await fay.getByTestId('step-next').focus()
  await fay.keyboard.press('Enter')
  await expect(fay.getByTestId('current-step')).toHaveAttribute('data-step', '2')
})
