import type { Locator, Page } from '@playwright/test'
import { addStickyWithShortcut, pointInPhase, sticky, stickyId } from '../fixtures/board-actions.ts'
import { openSection } from '../fixtures/cockpit.ts'
import { createBoardAs, expectLive, joinBoard } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * One person, one voice (issue #14): while a vote is open each person's dots are theirs alone,
 * kept by the server, not in the board everyone receives; a reload keeps them; the facilitator
 * paces the vote by the server's running counts; a participant made co-facilitator runs the next
 * vote; and when a vote closes everyone sees the same totals, each person counted once.
 */

/** The canvas target of a pain point (its dots and buttons). */
const target = (page: Page, targetId: string): Locator =>
  page.locator(`[data-testid="canvas-vote-target"][data-target-id="${targetId}"]`)

const giveDot = (page: Page, targetId: string): Locator =>
  target(page, targetId).getByRole('button', { name: /^Give / })

const row = (page: Page, name: string): Locator =>
  page.getByTestId('person-row').filter({ hasText: name })

interface DocsOnPage {
  /** The board's `votes` map: legacy only, nobody writes it any more. */
  sharedVotes: Record<string, unknown>
  /** What the server published when the last vote closed. */
  voteResult: { round: number; voters: number; dots: Record<string, number> } | null
  /** This page's own private document: its `votes` map. */
  privateVotes: Record<string, unknown>
}

/** What a page's documents hold about the vote, read through the debug hooks. */
function docsOn(page: Page): Promise<DocsOnPage> {
  return page.evaluate(() => {
    type JsonMap = { toJSON(): Record<string, unknown> }
    type Doc = { getMap(name: string): JsonMap }
    const shared = (window.__stormline as { doc?: Doc } | undefined)?.doc
    const mine = (window as { __stormlinePrivate?: { doc: Doc } }).__stormlinePrivate?.doc
    if (shared === undefined || mine === undefined) throw new Error('the board is not open yet')
    const session = shared.getMap('session').toJSON()
    return {
      sharedVotes: shared.getMap('votes').toJSON(),
      voteResult: (session.voteResult ?? null) as DocsOnPage['voteResult'],
      privateVotes: mine.getMap('votes').toJSON(),
    }
  })
}

test('each person votes alone, the co-facilitator runs the next vote, and every voice counts once', async ({
  stormline,
}) => {
  // Three people, a reload, two votes and a promotion: several one-person stories' time.
  test.slow()
  // Fay facilitates; Pia and Pat take part.
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  const pat = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')

  // Two pain points, each in its own phase.
  await addStickyWithShortcut(pia, '2', await pointInPhase(pia, 1, 250), 'Access takes days')
  await addStickyWithShortcut(pia, '2', await pointInPhase(pia, 2, 250), 'Builds are slow')
  await expect(sticky(fay, 'Builds are slow')).toBeVisible()
  await expect(sticky(pat, 'Builds are slow')).toBeVisible()
  const access = await stickyId(pia, 'Access takes days')
  const builds = await stickyId(pia, 'Builds are slow')

  // Fay opens a vote with three dots each.
  await openSection(fay, 'cockpit-vote-toggle')
  await fay.getByTestId('vote-budget').fill('3')
  await fay.getByTestId('vote-open').click()
  for (const page of [pia, pat]) {
    await openSection(page, 'cockpit-vote-toggle')
    await expect(page.getByTestId('dots-left')).toContainText('3 of 3 dots left')
  }

  // Each of the three votes where the stickies are, each on the phase in view.
  await pointInPhase(pia, 2, 250)
  await giveDot(pia, builds).click()
  await giveDot(pia, builds).click()
  await expect(target(pia, builds)).toHaveAttribute('data-my-dots', '2')
  await pointInPhase(pia, 1, 250)
  await giveDot(pia, access).click()
  await expect(target(pia, access)).toHaveAttribute('data-my-dots', '1')

  await pointInPhase(pat, 2, 250)
  await giveDot(pat, builds).click()
  await expect(target(pat, builds)).toHaveAttribute('data-my-dots', '1')

  await pointInPhase(fay, 1, 250)
  await giveDot(fay, access).click()
  await expect(target(fay, access)).toHaveAttribute('data-my-dots', '1')

  // While the vote is open nobody's board shows anyone else's dots: Pat sees only his one.
  await pointInPhase(pat, 2, 250)
  await expect(target(pat, builds)).toContainText('1 dot yours')
  await expect(target(pat, builds)).not.toHaveAttribute('data-total')
  await pointInPhase(pat, 1, 250)
  await expect(target(pat, access)).toHaveAttribute('data-my-dots', '0')
  await expect(target(pat, access)).not.toContainText('votes')
  // His backlog shows his own dots, no counts.
  await pat.getByTestId('backlog-toggle').click()
  await expect(pat.getByTestId(`votes-${builds}`)).toHaveText(/1 dot from you/)
  await expect(pat.getByTestId(`votes-${access}`)).toHaveText(/0 dots from you/)
  // And his page holds nobody else's dots at all: not in the board, only his in his own document.
  const patsDocs = await docsOn(pat)
  expect(patsDocs.sharedVotes).toEqual({})
  expect(patsDocs.voteResult).toBeNull()
  expect(patsDocs.privateVotes).toEqual({ mine: { round: 1, dots: { [builds]: 1 } } })

  // Pia reloads her page: her dots are still hers.
  await pia.reload()
  await expectLive(pia)
  await pointInPhase(pia, 2, 250)
  await expect(target(pia, builds)).toHaveAttribute('data-my-dots', '2')
  await expect(pia.getByTestId('dots-left')).toContainText('0 of 3 dots left')

  // Fay paces the vote by the server's running counts: three people, every dot so far.
  await expect(fay.getByTestId('vote-voters-count')).toHaveText('3 people voting so far')
  await fay.getByTestId('backlog-toggle').click()
  await expect(fay.getByTestId(`votes-${builds}`)).toContainText('3 votes')
  await expect(fay.getByTestId(`votes-${access}`)).toContainText('2 votes (1 yours)')
  // Her board, the one on the projector, still shows only her own dots.
  await pointInPhase(fay, 2, 250)
  await expect(target(fay, builds)).toContainText('no dots yet')
  expect((await docsOn(fay)).sharedVotes).toEqual({})
  await fay.getByRole('button', { name: 'Close the backlog' }).click()

  // Fay makes Pia a co-facilitator from the People section.
  await openSection(fay, 'cockpit-people-toggle')
  await row(fay, 'Pia').getByTestId('make-co-facilitator').click()
  await expect(row(fay, 'Pia')).toHaveAttribute('data-co-facilitator', 'true')
  await expect(row(fay, 'Pia')).toContainText('co-facilitator')
  // Pat stays a participant, and cannot promote anyone.
  await expect(row(fay, 'Pat').getByTestId('make-co-facilitator')).toBeVisible()
  await openSection(pat, 'cockpit-people-toggle')
  await expect(pat.getByTestId('make-co-facilitator')).toHaveCount(0)

  // Pia's page turns into a facilitator's without a reload: she closes the vote.
  await openSection(pia, 'cockpit-vote-toggle')
  await expect(pia.getByTestId('vote-close')).toBeVisible()
  await pia.getByTestId('vote-close').click()

  // Everyone sees the same totals, each person counted once.
  for (const page of [fay, pia, pat]) {
    await pointInPhase(page, 2, 250)
    await expect(target(page, builds)).toHaveAttribute('data-total', '3')
    await pointInPhase(page, 1, 250)
    await expect(target(page, access)).toHaveAttribute('data-total', '2')
  }
  await expect(pat.getByTestId('vote-voters')).toHaveText('3 people voted')
  await expect
    .poll(async () => (await docsOn(pat)).voteResult)
    .toEqual({ round: 1, budget: 3, voters: 3, dots: { [access]: 2, [builds]: 3 } })

  // Pia opens the next vote, one dot each; this time only Pia and Pat vote.
  await pia.getByTestId('vote-budget').fill('1')
  await pia.getByTestId('vote-open').click()
  await expect(pat.getByTestId('dots-left')).toContainText('1 of 1 dot left')
  await pointInPhase(pat, 1, 250)
  await giveDot(pat, access).click()
  await expect(target(pat, access)).toHaveAttribute('data-my-dots', '1')
  await pointInPhase(pia, 1, 250)
  await giveDot(pia, access).click()
  await expect(target(pia, access)).toHaveAttribute('data-my-dots', '1')
  // The co-facilitator paces it by the running counts, as Fay did.
  await expect(pia.getByTestId('vote-voters-count')).toHaveText('2 people voting so far')
  await pia.getByTestId('vote-close').click()

  for (const page of [fay, pia, pat]) {
    await pointInPhase(page, 1, 250)
    await expect(target(page, access)).toHaveAttribute('data-total', '2')
  }
  await expect
    .poll(async () => (await docsOn(fay)).voteResult)
    .toEqual({ round: 2, budget: 1, voters: 2, dots: { [access]: 2 } })
  expect((await docsOn(fay)).sharedVotes).toEqual({})

  // Fay takes the co-facilitation back: Pia's vote controls go away, again without a reload.
  await row(fay, 'Pia').getByTestId('remove-co-facilitator').click()
  await expect(row(fay, 'Pia')).toHaveAttribute('data-co-facilitator', 'false')
  await expect(pia.getByTestId('vote-open')).toHaveCount(0)
  await expect(pia.getByTestId('vote-status')).toBeVisible()
})

test('on an anonymous board estimates stay sealed until the reveal, and nothing names anyone', async ({
  stormline,
}) => {
  // Three people, a vote and an estimation round.
  test.slow()
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  // Fay makes the board anonymous before anyone writes.
  await fay.getByTestId('share-toggle').click()
  await fay.getByTestId('anonymous-toggle').check()
  await fay.getByTestId('share-toggle').click()
  const pia = await stormline.person()
  const pat = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')
  await expect(pia.getByTestId('anonymous-badge')).toBeVisible()

  // Stickies carry no author there, so only the server can tell Fay who has not written yet:
  // all three of them, until Pia adds a pain point.
  await openSection(fay, 'cockpit-people-toggle')
  await expect(fay.getByTestId('people-not-added')).toHaveText(
    '3 people here have not added a sticky yet',
  )
  // Pia's People section does not say (she could work out who wrote what).
  await openSection(pia, 'cockpit-people-toggle')
  await expect(pia.getByTestId('people-not-added')).toHaveCount(0)
  await addStickyWithShortcut(pia, '2', await pointInPhase(pia, 1, 250), 'Access takes days')
  await expect(fay.getByTestId('people-not-added')).toHaveText(
    '2 people here have not added a sticky yet',
  )
  const access = await stickyId(pat, 'Access takes days')
  const meta = await pat.evaluate((id) => {
    const editor = window.__stormline?.editor as { getShape(id: string): { meta: unknown } }
    return (editor.getShape(id).meta as { stormline: Record<string, unknown> }).stormline
  }, access)
  expect(meta).not.toHaveProperty('authorId')
  expect(meta).not.toHaveProperty('authorName')

  // A quick vote puts the pain point on the backlog.
  await openSection(fay, 'cockpit-vote-toggle')
  await fay.getByTestId('vote-budget').fill('1')
  await fay.getByTestId('vote-open').click()
  await pointInPhase(pia, 1, 250)
  await giveDot(pia, access).click()
  await expect(target(pia, access)).toHaveAttribute('data-my-dots', '1')
  await fay.getByTestId('vote-close').click()

  // Fay estimates it by planning poker; Pia and Pat each give their estimate. The row is there
  // to estimate once the server has published the vote (it moves from "Not voted yet").
  for (const page of [fay, pia, pat]) await page.getByTestId('backlog-toggle').click()
  await expect(fay.getByTestId('vote-voters')).toHaveText('1 person voted')
  const poker = fay.getByTestId(`poker-${access}`)
  await expect(async () => {
    await poker.check({ timeout: 2_000 })
    await expect(poker).toBeChecked({ timeout: 1_000 })
  }).toPass()
  await pia.getByTestId(`ballot-value-${access}`).selectOption('5')
  await pia.getByTestId(`ballot-effort-${access}`).selectOption('2')
  await pat.getByTestId(`ballot-value-${access}`).selectOption('2')
  await pat.getByTestId(`ballot-effort-${access}`).selectOption('1')

  // Before the reveal each sees only that their own estimate is in; Fay sees how many, no names.
  await expect(pat.getByTestId(`estimate-${access}`)).toHaveText(
    'Your estimate is in; everyone’s are hidden until revealed',
  )
  await expect(fay.getByTestId(`estimate-${access}`)).toHaveText(
    '2 estimates in, hidden until revealed',
  )
  await fay.getByTestId(`backlog-expand-${access}`).click()
  await expect(fay.getByTestId(`estimators-${access}`)).toHaveText('Estimated so far: 2 people')
  // Nobody's estimate is in the board everyone receives.
  const sharedBallots = (page: Page) =>
    page.evaluate(() => {
      const doc = (
        window.__stormline as { doc?: { getMap(n: string): { toJSON(): unknown } } } | undefined
      )?.doc
      return doc?.getMap('ballots').toJSON()
    })
  expect(await sharedBallots(pat)).toEqual({})

  // Fay reveals: everyone sees the same estimates, with no name and no id that says whose.
  await fay.getByTestId(`reveal-${access}`).click()
  for (const page of [fay, pia, pat]) {
    await expect(page.getByTestId(`estimate-${access}`)).toHaveText(
      'Value median 3.5, spread 3 · effort median 1.5, spread 1',
    )
  }
  const revealed = (await sharedBallots(pat)) as Record<string, Record<string, unknown>>
  expect(Object.keys(revealed).sort()).toEqual([`${access}|b1`, `${access}|b2`])
  expect(Object.values(revealed).map((b) => b.participantName)).toEqual(['', ''])
})
