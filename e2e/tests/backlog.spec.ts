import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import {
  addStickyWithShortcut,
  boardStickyTexts,
  pointInPhase,
  sticky,
} from '../fixtures/board-actions.ts'
import { createBoardAs, expectLive, joinBoard } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

const backlogRow = (page: Page, text: string) =>
  page.locator('[data-testid^="backlog-item-"]', { hasText: text })

async function download(page: Page, format: 'md' | 'csv'): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`download-${format}`).click(),
  ])
  expect(file.suggestedFilename()).toMatch(new RegExp(`-backlog\\.${format}$`))
  return readFile((await file.path()) ?? '', 'utf8')
}

test('the group clusters and votes, and the product owner takes the backlog away', async ({
  stormline,
}) => {
  // Fay facilitates; Pia and Pat map pain points along the timeline.
  const fay = await stormline.person()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  const pat = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  await joinBoard(pat, board.participant, 'Pat')

  await addStickyWithShortcut(
    pia,
    '2',
    await pointInPhase(pia, 2, 250),
    'VM requests take two weeks',
  )
  await addStickyWithShortcut(
    pia,
    '2',
    await pointInPhase(pia, 2, 600),
    'VM requests need a cost centre',
  )
  await addStickyWithShortcut(
    pia,
    '2',
    await pointInPhase(pia, 2, 950),
    'Waiting weeks for a new VM',
  )
  await addStickyWithShortcut(
    pat,
    '2',
    await pointInPhase(pat, 4, 250),
    'Security review approval takes a month',
  )
  await addStickyWithShortcut(
    pat,
    '2',
    await pointInPhase(pat, 4, 600),
    'Security review needs three approvals',
  )
  await addStickyWithShortcut(
    pat,
    '2',
    await pointInPhase(pat, 4, 950),
    'Pen test for the security review booked late',
  )
  await addStickyWithShortcut(pat, '2', await pointInPhase(pat, 0, 250), 'Coffee machine is broken')
  // Fay's board has all seven, as typed. Not "she sees them": her camera shows phase 4 only at
  // its edge, and tldraw does not draw a sticky outside the view.
  await expect
    .poll(() => boardStickyTexts(fay))
    .toEqual(
      [
        'VM requests take two weeks',
        'VM requests need a cost centre',
        'Waiting weeks for a new VM',
        'Security review approval takes a month',
        'Security review needs three approvals',
        'Pen test for the security review booked late',
        'Coffee machine is broken',
      ].sort(),
    )

  // Fay looks at Stormline's suggestions and accepts the two that make sense.
  await fay.getByTestId('suggestions-toggle').click()
  const suggestions = fay.getByTestId('cluster-suggestions')
  await expect(suggestions).toBeVisible()
  const suggestionWith = (member: string) =>
    suggestions.locator('[data-testid^="suggestion-"]', { hasText: member }).filter({
      has: fay.locator('[data-testid^="suggestion-accept-"]'),
    })
  await suggestionWith('VM requests take two weeks')
    .locator('[data-testid^="suggestion-accept-"]')
    .click()
  // The security one is right but its name is not: Fay accepts it and renames it.
  await suggestionWith('Security review approval takes a month')
    .locator('[data-testid^="suggestion-edit-"]')
    .click()
  await fay.getByTestId('cluster-name-input').fill('Security review')
  await fay.getByTestId('cluster-name-input').press('Enter')
  // Both clusters are on everyone's canvas; the coffee machine stays on its own.
  await expect(pia.locator('[data-testid^="cluster-label-"]')).toHaveCount(2)
  await expect(
    pia.locator('[data-testid^="cluster-label-"]', { hasText: 'Security review' }),
  ).toBeVisible()

  // Later Pia adds a pain point in other words; Stormline suggests it for the VM cluster, with
  // its reason, and Fay adds it there.
  await addStickyWithShortcut(
    pia,
    '2',
    await pointInPhase(pia, 2, 1300),
    'Nobody knows who provisions the staging servers',
  )
  const addition = suggestions.locator('[data-testid^="addition-"]', {
    hasText: 'Nobody knows who provisions the staging servers',
  })
  await expect(addition.first()).toContainText('Add to “VM')
  await expect(addition.first()).toContainText('"provisions" means the same as')
  // Its buttons say which card they act on to a screen reader.
  await expect(
    addition.first().locator('[data-testid^="addition-accept-"]'),
  ).toHaveAccessibleDescription(/^Add to “VM.*Nobody knows who provisions the staging servers$/)
  await addition.locator('[data-testid^="addition-accept-"]').click()
  await expect(suggestions.locator('[data-testid^="addition-accept-"]')).toHaveCount(0)

  // Fay opens a vote with three dots each.
  await fay.getByTestId('vote-budget').fill('3')
  await fay.getByTestId('vote-open').click()
  await expect(pia.getByTestId('vote-status')).toContainText(/open/i)

  // Pia spends all her dots on the VM cluster; a fourth is refused.
  await pia.getByTestId('backlog-toggle').click()
  const piaVm = backlogRow(pia, 'VM')
  for (let dot = 0; dot < 3; dot++) await piaVm.locator('[data-testid^="vote-add-"]').click()
  await expect(pia.getByTestId('dots-remaining')).toContainText('0')
  await piaVm.locator('[data-testid^="vote-add-"]').click()
  await expect(pia.getByTestId('vote-message')).toContainText('used all 3 dots')

  // Pat votes too, without seeing Pia's dots; Fay sees the counts.
  await pat.getByTestId('backlog-toggle').click()
  await backlogRow(pat, 'Security').locator('[data-testid^="vote-add-"]').click()
  await backlogRow(pat, 'VM').locator('[data-testid^="vote-add-"]').click()
  await expect(backlogRow(pat, 'VM').locator('[data-testid^="votes-"]')).not.toContainText('4')
  await fay.getByTestId('backlog-toggle').click()
  await expect(backlogRow(fay, 'VM').locator('[data-testid^="votes-"]')).toContainText('4')

  // The vote closes: everyone sees the totals.
  await fay.getByTestId('vote-close').click()
  await expect(backlogRow(pat, 'VM').locator('[data-testid^="votes-"]')).toContainText('4')

  // Fay rates the security cluster high value, small effort: it moves to the top for everyone.
  const security = backlogRow(fay, 'Security')
  await security.locator('[data-testid^="value-"]').selectOption('5')
  await security.locator('[data-testid^="effort-"]').selectOption('S')
  await expect(pia.getByTestId('backlog-item-1')).toContainText('Security')
  await expect(pia.getByTestId('backlog-item-2')).toContainText('VM')

  // The product owner downloads the backlog.
  const markdown = await download(fay, 'md')
  expect(markdown).toMatch(/^## 1\. .*Security/m)
  expect(markdown).toMatch(/^## 2\. .*VM/m)
  expect(markdown).toContain('> Security review approval takes a month — Pat')
  expect(markdown).toMatch(
    /^## 2\. .*VM[\s\S]*> Nobody knows who provisions the staging servers — Pia[\s\S]*^## Not voted yet$/m,
  )
  // Nobody clustered or voted for the coffee machine: it is listed, unranked, not dropped.
  expect(markdown).not.toMatch(/^## \d+\. .*Coffee machine/m)
  expect(markdown).toMatch(/^## Not voted yet$[\s\S]*^- Coffee machine is broken — Pat/m)
  const csv = await download(fay, 'csv')
  const rows = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
  expect(rows[0]).toMatch(/^rank,item_id,title,score,/)
  expect(rows).toHaveLength(4)
  expect(rows[1]).toMatch(/^1,SL-[0-9A-Z]+,.*Security/)
  expect(rows[3]).toMatch(/^,SL-[0-9A-Z]+,Coffee machine is broken,.*,unranked$/)

  // The product owner follows the workshop with the viewer link; the export's link of the
  // second item opens the board focused on the VM cluster.
  const links = [...markdown.matchAll(/\[open cluster\]\(([^)]+)\)/g)].map((m) => m[1] ?? '')
  expect(links).toHaveLength(2)
  const owner = await stormline.person()
  await joinBoard(owner, board.viewer, 'Olu')
  await owner.goto(links[1] ?? '')
  await expectLive(owner)
  await expect(sticky(owner, 'VM requests take two weeks')).toBeInViewport()
  await expect(sticky(owner, 'VM requests need a cost centre')).toBeInViewport()
  await expect
    .poll(() =>
      owner.evaluate(() => {
        const editor = window.__stormline?.editor as { getSelectedShapeIds(): string[] }
        return editor.getSelectedShapeIds().length
      }),
    )
    // The cluster's four pain points: three from the suggestion, one added later.
    .toBe(4)
})
