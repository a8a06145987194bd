import type { Page } from '@playwright/test'
import type { BoardModel } from '@stormline/shared/board/read-board'
import { seriousViolations } from '../fixtures/accessibility.ts'
import {
  addStickyWithShortcut,
  pointInPhase,
  selectSticky,
  sticky,
} from '../fixtures/board-actions.ts'
import { openSection } from '../fixtures/cockpit.ts'
import { createBoardAs, expectLive, joinBoard, tokenOf } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * Silent writing (issue #14): everyone writes alone first, so the loudest voice cannot anchor the
 * room. While the facilitator's round is on, each person's stickies are theirs alone; the reveal
 * puts all of them on the board at once, each credited to whoever wrote it.
 */

const duringRound =
  'Silent writing: your stickies are visible only to you until the facilitator reveals them'

/** The author name a page's own copy of a sticky carries (null: none, or no such sticky). */
async function authorOnPage(page: Page, text: string): Promise<unknown> {
  const id = await sticky(page, text).getAttribute('data-shape-id')
  return page.evaluate((id) => {
    const editor = window.__stormline?.editor as
      | { getShape(id: string): { meta: Record<string, unknown> } | undefined }
      | undefined
    const stormline = editor?.getShape(id ?? '')?.meta.stormline as
      | Record<string, unknown>
      | undefined
    return stormline?.authorName ?? null
  }, id)
}

test('stickies written in silence appear together at the reveal, credited to their authors', async ({
  stormline,
}) => {
  // Three people, a reload and a reveal: more than a one-person story's time.
  test.slow()
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const model = (): Promise<BoardModel> =>
    stormline.api<BoardModel>(`/api/boards/${board.boardId}/model`, tokenOf(board.facilitator))
  const pia = await stormline.person()
  const pat = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')

  // Fay starts a silent-writing round from the cockpit's Session section (by keyboard).
  await openSection(fay, 'cockpit-session-toggle')
  await fay.getByTestId('silent-writing-start').focus()
  await fay.keyboard.press('Enter')
  for (const page of [fay, pia, pat]) {
    await openSection(page, 'cockpit-session-toggle')
    await expect(page.getByTestId('silent-writing-status')).toHaveText(duringRound)
  }
  await expect(fay.getByTestId('silent-writing-count')).toHaveText('No drafts yet')

  // Pia and Pat each write a sticky; each sees only their own, marked as such.
  await addStickyWithShortcut(pia, '2', await pointInPhase(pia, 1), 'Release needs a CAB slot')
  await addStickyWithShortcut(pat, '2', await pointInPhase(pat, 3), 'Flaky tests block merges')
  await expect(sticky(pia, 'Release needs a CAB slot').getByTestId('draft-badge')).toHaveText(
    'Only you see this',
  )
  await expect(sticky(pat, 'Flaky tests block merges').getByTestId('draft-badge')).toBeVisible()

  // Fay sees that two people are writing, not what they wrote: the server holds both drafts.
  await expect(fay.getByTestId('silent-writing-count')).toHaveText('2 people have written 2 drafts')
  await expect(sticky(pia, 'Flaky tests block merges')).toHaveCount(0)
  await expect(sticky(pat, 'Release needs a CAB slot')).toHaveCount(0)
  await expect(sticky(fay, 'Release needs a CAB slot')).toHaveCount(0)
  await expect(sticky(fay, 'Flaky tests block merges')).toHaveCount(0)
  // The round's controls and status pass axe, on the facilitator's and a writer's screen.
  expect(await seriousViolations(fay)).toEqual([])
  expect(await seriousViolations(pia)).toEqual([])
  // Not on the board the server keeps either (exports, the model, late joiners).
  const texts = (await model()).stickies.map((s) => s.text)
  expect(texts).not.toContain('Release needs a CAB slot')
  expect(texts).not.toContain('Flaky tests block merges')

  // Pia reloads: her draft is still there, still hers alone.
  await pia.reload()
  await pia.locator('.tl-canvas').waitFor()
  await expectLive(pia)
  await expect(sticky(pia, 'Release needs a CAB slot').getByTestId('draft-badge')).toBeVisible()
  await expect(sticky(pia, 'Flaky tests block merges')).toHaveCount(0)

  // Fay reveals the round: everyone sees every sticky, none of them a draft any more.
  await fay.getByTestId('silent-writing-reveal').click()
  for (const page of [fay, pia, pat]) {
    await expect(sticky(page, 'Release needs a CAB slot')).toBeVisible()
    await expect(sticky(page, 'Flaky tests block merges')).toBeVisible()
    await expect(page.getByTestId('draft-badge')).toHaveCount(0)
    await expect(page.getByTestId('silent-writing-status')).toHaveCount(page === fay ? 1 : 0)
  }
  await expect(fay.getByTestId('silent-writing-start')).toBeVisible()

  // Each sticky is credited to the person who wrote it, on every screen and on the server.
  for (const page of [fay, pia, pat]) {
    await expect.poll(() => authorOnPage(page, 'Release needs a CAB slot')).toBe('Pia')
    await expect.poll(() => authorOnPage(page, 'Flaky tests block merges')).toBe('Pat')
  }
  await selectSticky(fay, 'Flaky tests block merges')
  await expect(fay.getByTestId('details-author')).toContainText('Pat')
  await expect
    .poll(async () =>
      (await model()).stickies
        .filter(
          (s) => s.text === 'Release needs a CAB slot' || s.text === 'Flaky tests block merges',
        )
        .map((s) => `${s.text}: ${s.authorName}`)
        .sort(),
    )
    .toEqual(['Flaky tests block merges: Pat', 'Release needs a CAB slot: Pia'])
})
