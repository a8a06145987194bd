import type { Locator, Page } from '@playwright/test'
import {
  addStickyWithShortcut,
  centreOf,
  pointInPhase,
  sticky,
  stickyId,
} from '../fixtures/board-actions.ts'
import { laptopAndDesktop } from '../fixtures/cockpit.ts'
import { createBoardAs, joinBoard, tokenOf } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * Voting where the stickies are: while a vote is open, cluster names and unclustered pain points
 * on the board take dots directly, each person sees their dots left by their name, and after the
 * vote the backlog and its exports count the dots given on the board. The pain heat-map then
 * shows where it hurts, phase by phase.
 */

/** The canvas target of a cluster or pain point (its dots and buttons). */
const target = (page: Page, targetId: string): Locator =>
  page.locator(`[data-testid="canvas-vote-target"][data-target-id="${targetId}"]`)

/** The button that gives the target a dot (a cluster's name, a pain point's "+ dot"). */
const giveDot = (page: Page, targetId: string): Locator =>
  target(page, targetId).getByRole('button', { name: /^Give / })

async function openCockpitSection(page: Page, testId: string): Promise<void> {
  const toggle = page.getByTestId(testId)
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
}

/** Selects two stickies (click, then shift-click) and groups them into a named cluster. */
async function clusterTwo(page: Page, first: string, second: string, name: string) {
  const a = await centreOf(page, await stickyId(page, first))
  const b = await centreOf(page, await stickyId(page, second))
  await page.mouse.click(a.x, a.y)
  await page.keyboard.down('Shift')
  await page.mouse.click(b.x, b.y)
  await page.keyboard.up('Shift')
  await page.getByTestId('cluster-selection').click()
  await page.getByTestId('cluster-name-input').fill(name)
  await page.getByTestId('cluster-name-input').press('Enter')
}

for (const screen of laptopAndDesktop) {
  test.describe(`on a ${screen.width}×${screen.height} screen`, () => {
    test.use({ viewport: screen })

    test('the group votes on the board, and the backlog and the heat-map count it', async ({
      stormline,
    }) => {
      // Four people on one board, start to finish: three times a one-person story's time.
      test.slow()
      // Fay facilitates; Pia and Pat map pain points along the timeline.
      const fay = await stormline.person()
      const board = await createBoardAs(fay, stormline.url, 'Fay')
      const pia = await stormline.person()
      const pat = await stormline.person()
      await joinBoard(pia, board.participant, 'Pia')
      await joinBoard(pat, board.participant, 'Pat')

      // Two VM pain points side by side in the environments phase.
      const environments = await pointInPhase(pia, 2, 250)
      const zoom = await pia.evaluate(() => {
        const editor = window.__stormline?.editor as { getZoomLevel(): number } | undefined
        if (editor === undefined) throw new Error('the board has no editor yet')
        return editor.getZoomLevel()
      })
      // A sticky is 200 wide on the board: centres 230 apart leave a gap between them.
      const beside = (dx: number) => ({ x: environments.x + dx * zoom, y: environments.y })
      await addStickyWithShortcut(pia, '2', beside(-115), 'VM takes two weeks')
      await addStickyWithShortcut(pia, '2', beside(115), 'VM needs a cost centre')
      await addStickyWithShortcut(
        pat,
        '2',
        await pointInPhase(pat, 1, 250),
        'Access requests get lost',
      )
      await expect(sticky(fay, 'Access requests get lost')).toBeVisible()
      await expect(sticky(fay, 'VM needs a cost centre')).toBeVisible()

      // Fay groups the two VM pain points; the access one stays on its own.
      await clusterTwo(fay, 'VM takes two weeks', 'VM needs a cost centre', 'VM requests')
      const vmLabel = pia.locator('[data-testid^="cluster-label-"]', { hasText: 'VM requests' })
      await expect(vmLabel).toBeVisible()
      const vm = ((await vmLabel.getAttribute('data-testid')) ?? '').replace('cluster-label-', '')
      const access = await stickyId(pia, 'Access requests get lost')
      await fay.keyboard.press('Escape')

      // Before the vote nothing on the board takes dots.
      await expect(pia.getByTestId('canvas-vote-target')).toHaveCount(0)
      await expect(pia.getByTestId('dots-left')).toHaveCount(0)

      // Fay opens a vote with three dots each; the status line tells Pia where to vote.
      await openCockpitSection(fay, 'cockpit-vote-toggle')
      await fay.getByTestId('vote-budget').fill('3')
      await fay.getByTestId('vote-open').click()
      await openCockpitSection(pia, 'cockpit-vote-toggle')
      await expect(pia.getByTestId('vote-status')).toContainText(
        'click a cluster name or a pain point on the board to give it a dot (3 left)',
      )
      await expect(pia.getByTestId('dots-left')).toContainText('3 of 3 dots left')

      // Pia gives the VM cluster two dots by clicking its name, and the access pain point one.
      await giveDot(pia, vm).click()
      await giveDot(pia, vm).click()
      await giveDot(pia, access).click()
      await expect(target(pia, vm)).toHaveAttribute('data-my-dots', '2')
      await expect(target(pia, access)).toHaveAttribute('data-my-dots', '1')
      await expect(pia.getByTestId('dots-left')).toContainText('0 of 3 dots left')
      // A fourth dot is refused, and she is told why.
      await giveDot(pia, vm).click()
      await expect(pia.getByTestId('canvas-vote-message')).toContainText('used all 3 dots')
      await expect(target(pia, vm)).toHaveAttribute('data-my-dots', '2')

      // She changes her mind: a right-click on the cluster name takes a dot back, and it goes to
      // the access pain point instead.
      await giveDot(pia, vm).click({ button: 'right' })
      await expect(target(pia, vm)).toHaveAttribute('data-my-dots', '1')
      await expect(pia.getByTestId('dots-left')).toContainText('1 of 3 dots left')
      await giveDot(pia, access).click()
      await expect(target(pia, access)).toHaveAttribute('data-my-dots', '2')

      // Pat votes with the keyboard: Enter gives a dot, Delete takes it back (the sticky stays),
      // Enter again. Pia's dots stay hidden from him while the vote is open.
      await openCockpitSection(pat, 'cockpit-vote-toggle')
      await giveDot(pat, access).focus()
      await pat.keyboard.press('Enter')
      await expect(target(pat, access)).toHaveAttribute('data-my-dots', '1')
      await pat.keyboard.press('Delete')
      await expect(target(pat, access)).toHaveAttribute('data-my-dots', '0')
      await expect(sticky(pat, 'Access requests get lost')).toBeVisible()
      await pat.keyboard.press('Enter')
      await giveDot(pat, vm).click()
      await expect(target(pat, access)).toHaveAttribute('data-my-dots', '1')
      await expect(target(pat, vm)).toHaveAttribute('data-my-dots', '1')
      await expect(target(pat, access)).toContainText('1 dot yours')
      await expect(target(pat, access)).not.toContainText('votes')
      await expect(pat.getByTestId('dots-left')).toContainText('1 of 3 dots left')

      // A viewer follows along but has no dots to give.
      const olu = await stormline.person()
      await joinBoard(olu, board.viewer, 'Olu')
      await expect(olu.locator('[data-testid^="cluster-label-"]', { hasText: 'VM' })).toBeVisible()
      await expect(olu.getByTestId('canvas-vote-target')).toHaveCount(0)
      await expect(olu.getByTestId('dots-left')).toHaveCount(0)

      // Fay closes the vote: the totals show on the board for everyone.
      await fay.getByTestId('vote-close').click()
      await expect(target(pat, vm)).toHaveAttribute('data-total', '2')
      await expect(target(pat, access)).toHaveAttribute('data-total', '3')
      await expect(target(pia, access)).toContainText('3 votes (2 yours)')
      await expect(pia.getByTestId('dots-left')).toHaveCount(0)

      // The backlog counts the dots given on the board, and so do its exports.
      await fay.getByTestId('backlog-toggle').click()
      await expect(fay.getByTestId(`votes-${vm}`)).toContainText('2 votes')
      await expect(fay.getByTestId(`votes-${access}`)).toContainText('3 votes')
      const token = tokenOf(board.facilitator)
      const json = await stormline.api<{
        items: { targetId: string; score: { votes: number } }[]
      }>(`/api/boards/${board.boardId}/backlog?format=json`, token)
      const votesOf = (id: string) => json.items.find((item) => item.targetId === id)?.score.votes
      expect(votesOf(vm)).toBe(2)
      expect(votesOf(access)).toBe(3)
      const markdown = await (
        await fetch(`${stormline.url}/api/boards/${board.boardId}/backlog?format=md`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).text()
      // Each item's heading, then its score line with the votes.
      expect(markdown).toMatch(/^## \d\. VM requests\n\n\*\*Score .* · 2 votes · /m)
      expect(markdown).toMatch(/^## \d\. Access requests get lost\n\n\*\*Score .* · 3 votes · /m)

      // Pia switches the pain heat-map on: the VM phase has two pain points and two votes, the
      // access phase one pain point and three votes.
      await openCockpitSection(pia, 'cockpit-view-toggle')
      await pia.getByTestId('heatmap-toggle').click()
      await expect(pia.getByTestId('heatmap-toggle')).toHaveAttribute('aria-checked', 'true')
      const phase = (name: string) => pia.getByTestId('heatmap-phase').filter({ hasText: name })
      await expect(phase('Environments & infrastructure')).toHaveAttribute('data-pain', '2')
      await expect(phase('Environments & infrastructure')).toHaveAttribute('data-votes', '2')
      await expect(phase('Team & access')).toHaveAttribute('data-pain', '1')
      await expect(phase('Team & access')).toHaveAttribute('data-votes', '3')
      await expect(phase('Team & access')).toContainText('1 pain point · 3 votes')
      await expect(phase('Idea & funding')).toHaveAttribute('data-pain', '0')
      // It is Pia's view only: Fay's board shows no heat-map.
      await expect(fay.getByTestId('heatmap-phase')).toHaveCount(0)
    })
  })
}
