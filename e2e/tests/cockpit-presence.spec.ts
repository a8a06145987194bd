import type { Page } from '@playwright/test'
import { addStickyWithShortcut, pointInPhase, sticky } from '../fixtures/board-actions.ts'
import { createBoardAs, joinBoard } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * Presence that tells the truth (issue #13): in a workshop people listen and think for minutes
 * without touching the board. They are still there, and the facilitator must see them: listed,
 * marked idle, each in their own colour, with who has not added a sticky yet.
 *
 * A minute goes by on every page's clock, not on the facilitator's alone. Each browser renews
 * its presence from a timer on its own clock; moving one page a minute ahead would make every
 * other page look silent for that minute, and awareness (and the socket's dead-link check)
 * rightly drop a peer that is silent for 30 s. Real people live through the same minute.
 */

const viewports = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]

const row = (page: Page, name: string) => page.getByTestId('person-row').filter({ hasText: name })

/** Lets `ms` go by on everyone's clock together, in steps shorter than any presence timeout. */
async function letTimePass(pages: Page[], ms: number, halfway: () => Promise<void>): Promise<void> {
  const step = 5_000
  for (let passed = 0; passed < ms; passed += step) {
    for (const page of pages) await page.clock.fastForward(step)
    if (passed < ms / 2 && passed + step >= ms / 2) await halfway()
  }
}

for (const viewport of viewports) {
  test(`four people, two idle for over a minute, are all on the facilitator's list at ${viewport.width}×${viewport.height}`, async ({
    stormline,
  }) => {
    // Four browsers on one machine.
    test.slow()
    const person = async (): Promise<Page> => {
      const page = await stormline.person()
      await page.setViewportSize(viewport)
      // Before the app loads, so its timers and Date run on a clock the story can move.
      await page.clock.install()
      return page
    }
    // Fay facilitates; Ada and Bo take part; Cy, a stakeholder, watches with the viewer link.
    const fay = await person()
    const board = await createBoardAs(fay, stormline.url, 'Fay')
    const ada = await person()
    const bo = await person()
    const cy = await person()
    await joinBoard(ada, board.participant, 'Ada')
    await joinBoard(bo, board.participant, 'Bo')
    await joinBoard(cy, board.viewer, 'Cy')

    // The cockpit opens with the People section; it lists everyone at once.
    const people = fay.getByTestId('people-section')
    await expect(people).toBeVisible()
    await expect(fay.getByTestId('person-row')).toHaveCount(4)
    await expect(fay.getByTestId('people-count')).toHaveText('4 people on the board · 1 viewer')

    // Ada writes a pain point; Bo points at the timeline, then both he and Cy sit and listen.
    await addStickyWithShortcut(ada, '2', await pointInPhase(ada, 1, 250), 'Builds take an hour')
    await expect(sticky(fay, 'Builds take an hour')).toBeVisible()
    const boPoints = await pointInPhase(bo, 2, 120)
    await bo.mouse.move(boPoints.x, boPoints.y)
    await expect(fay.locator('.tl-nametag', { hasText: 'Bo' })).toBeVisible()
    await expect(fay.getByTestId('people-not-added')).toHaveText('No sticky yet from Bo')

    // Over a minute goes by. Halfway through Ada moves her pointer; Bo and Cy never touch a thing.
    const adaPoints = await pointInPhase(ada, 3, 300)
    await letTimePass([fay, ada, bo, cy], 80_000, async () => {
      await ada.mouse.move(adaPoints.x, adaPoints.y)
      await ada.mouse.move(adaPoints.x + 20, adaPoints.y + 10)
    })

    // Nobody disappeared: four people, the two quiet ones marked idle, not removed.
    await expect(fay.getByTestId('person-row')).toHaveCount(4)
    await expect(fay.getByTestId('people-count')).toHaveText('4 people on the board · 1 viewer')
    await expect(row(fay, 'Bo')).toHaveAttribute('data-idle', 'true')
    await expect(row(fay, 'Bo')).toContainText('idle 1 min')
    await expect(row(fay, 'Cy')).toHaveAttribute('data-idle', 'true')
    await expect(row(fay, 'Cy')).toHaveAttribute('data-role', 'viewer')
    await expect(row(fay, 'Ada')).toHaveAttribute('data-idle', 'false')
    await expect(row(fay, 'Fay')).toContainText('you, facilitator')
    // Bo's cursor is still on Fay's board, named and marked idle.
    await expect(fay.locator('.tl-nametag', { hasText: 'Bo · idle' })).toBeVisible()
    // Who has not written anything yet is named; the viewer is not expected to.
    await expect(fay.getByTestId('people-not-added')).toHaveText('No sticky yet from Bo')

    // Four people, four colours, and each looks the same on everyone's screen.
    const colours = await fay
      .getByTestId('person-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-color')))
    expect(new Set(colours).size).toBe(4)
    for (const name of ['Fay', 'Ada', 'Bo', 'Cy']) {
      const colour = await row(fay, name).getAttribute('data-color')
      await expect(row(ada, name)).toHaveAttribute('data-color', colour ?? '')
    }
    // Every name and control in the list is on screen, not clipped by the cockpit.
    for (const name of ['Fay', 'Ada', 'Bo', 'Cy']) await expect(row(fay, name)).toBeInViewport()

    await fay.screenshot({ path: `../.tmp/e2e-people-${viewport.width}.png` })

    // Fay follows Bo, from his row, to see what he is looking at.
    await row(fay, 'Bo').getByRole('button', { name: 'Follow Bo' }).click()
    await expect(row(fay, 'Bo').getByRole('button', { name: 'Stop following Bo' })).toBeVisible()
  })
}
