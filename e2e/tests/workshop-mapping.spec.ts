import type { BoardModel } from '@stormline/shared/board/read-board'
import { stickyKindInfo, stickyKinds } from '@stormline/shared/board/sticky-kinds'
import {
  addStickyWithShortcut,
  centreOf,
  pointInPhase,
  positionOf,
  selectSticky,
  sticky,
  stickyFill,
} from '../fixtures/board-actions.ts'
import { createBoardAs, expectLive, joinBoard, tokenOf } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

test('a facilitator and two participants map the path to production together', async ({
  stormline,
}) => {
  // Fay, the facilitator, creates a board from the path-to-production template.
  const fay = await stormline.person()
  await fay.goto(stormline.url)
  await expect(fay.getByTestId('template-select')).toHaveValue('path-to-production')
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const model = (): Promise<BoardModel> =>
    stormline.api<BoardModel>(`/api/boards/${board.boardId}/model`, tokenOf(board.facilitator))

  // Pia and Pat join through the participant link.
  const pia = await stormline.person()
  const pat = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')

  // Everyone sees one timeline from project start to production, and the colour legend.
  for (const page of [fay, pia, pat]) {
    const timeline = page.locator('.tl-shape[data-shape-type="timeline"]')
    await expect(timeline).toHaveCount(1)
    await expect(timeline).toContainText('Project start')
    await expect(timeline).toContainText('Live in production')
    await expect(timeline).toContainText('Environments & infrastructure')
    await expect(page.getByTestId('kind-legend')).toBeVisible()
    for (const kind of stickyKinds) {
      await expect(page.getByTestId(`legend-${kind}`)).toContainText(stickyKindInfo[kind].label)
    }
  }

  // Step 1: Pia maps a step in the third phase with the step shortcut.
  await addStickyWithShortcut(pia, '1', await pointInPhase(pia, 2), 'Request a VM')
  await expect(sticky(pat, 'Request a VM')).toBeVisible()

  // Step 2: Pat puts a pain point right on Pia's step with the pain shortcut.
  const stepOnPatsScreen = await centreOf(
    pat,
    (await sticky(pat, 'Request a VM').getAttribute('data-shape-id')) ?? '',
  )
  await addStickyWithShortcut(
    pat,
    '2',
    { x: stepOnPatsScreen.x + 20, y: stepOnPatsScreen.y + 20 },
    'VM takes two weeks',
  )

  // Both see both stickies, in the legend's colours.
  for (const page of [pia, pat, fay]) {
    await expect(sticky(page, 'Request a VM')).toBeVisible()
    await expect(sticky(page, 'VM takes two weeks')).toBeVisible()
    expect(await stickyFill(page, 'Request a VM')).toBe(stickyKindInfo.step.fill)
    expect(await stickyFill(page, 'VM takes two weeks')).toBe(stickyKindInfo.pain.fill)
  }

  // The pain point is reported in its step's phase, with the step it belongs to.
  await pia.keyboard.press('Escape')
  await selectSticky(pia, 'VM takes two weeks')
  await expect(pia.getByTestId('details-phase')).toContainText('Environments & infrastructure')
  await expect(pia.getByTestId('details-step')).toContainText('Request a VM')
  await expect(pia.getByTestId('details-author')).toContainText('Pat')
  const mapped = await model()
  const pain = mapped.stickies.find((s) => s.text === 'VM takes two weeks')
  const step = mapped.stickies.find((s) => s.text === 'Request a VM')
  expect(pain).toMatchObject({
    kind: 'pain',
    phaseName: 'Environments & infrastructure',
    authorName: 'Pat',
  })
  expect(pain?.stepId).toBe(step?.id)

  // Step 4: Pia writes the context of the pain point; Pat sees it.
  await pia.getByTestId('details-context').fill('Tickets wait in the network team queue')
  await pia.getByTestId('details-deep-dive').check()
  await pia.getByTestId('details-context').blur()
  await selectSticky(pat, 'VM takes two weeks')
  await expect(pat.getByTestId('details-context')).toHaveValue(
    'Tickets wait in the network team queue',
  )
  await expect(pat.getByTestId('details-deep-dive')).toBeChecked()

  // Fay locks the timeline; Pat's attempt to drag it moves nothing.
  await fay.getByTestId('timeline-edit-toggle').click()
  await fay.getByTestId('timeline-lock').click()
  await expect(fay.getByTestId('timeline-lock')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(async () => (await model()).timeline?.isLocked).toBe(true)
  await pat.keyboard.press('Escape')
  const before = await positionOf(pat, 'shape:timeline')
  const bar = await centreOf(pat, 'shape:timeline')
  await pat.mouse.move(bar.x + 40, bar.y)
  await pat.mouse.down()
  await pat.mouse.move(bar.x + 140, bar.y + 120, { steps: 8 })
  await pat.mouse.up()
  expect(await positionOf(pat, 'shape:timeline')).toEqual(before)
  expect(await positionOf(fay, 'shape:timeline')).toEqual(before)

  // Participants have no facilitator controls.
  await expect(pat.getByTestId('step-next')).toHaveCount(0)
  await expect(pat.getByTestId('timer-start')).toHaveCount(0)

  // Fay moves the group to step 3 and starts a five-minute timer; Pat sees both.
  await fay.getByTestId('step-next').click()
  await fay.getByTestId('step-next').click()
  await fay.getByTestId('timer-duration').selectOption('5')
  await fay.getByTestId('timer-start').click()
  await expect(pat.getByTestId('current-step')).toContainText('Step 3 of 6')
  await expect(pat.getByTestId('step-instruction')).toContainText('systems')
  await expect(pat.getByTestId('session-timer')).toHaveAttribute('data-state', 'running')
  await expect(pat.getByTestId('timer-remaining')).toHaveText(/^(5:00|4:[0-5]\d)$/)

  // The server restarts; everything is still there for someone who opens the board afresh.
  await stormline.restart()
  for (const page of [fay, pia, pat]) await expectLive(page)
  await pat.reload()
  await expectLive(pat)
  await expect(sticky(pat, 'Request a VM')).toBeVisible()
  await expect(sticky(pat, 'VM takes two weeks')).toBeVisible()
  await expect(pat.getByTestId('current-step')).toContainText('Step 3 of 6')
  await expect(pat.getByTestId('session-timer')).toHaveAttribute('data-state', 'running')
  await selectSticky(pat, 'VM takes two weeks')
  await expect(pat.getByTestId('details-context')).toHaveValue(
    'Tickets wait in the network team queue',
  )
  await pat.screenshot({ path: '../.tmp/e2e-workshop-participant.png' })
  await fay.screenshot({ path: '../.tmp/e2e-workshop-facilitator.png' })
  const after = await model()
  expect(after.timeline?.isLocked).toBe(true)
  expect(after.stickies.find((s) => s.text === 'VM takes two weeks')).toMatchObject({
    phaseName: 'Environments & infrastructure',
    context: 'Tickets wait in the network team queue',
    needsDeepDive: true,
  })
})
