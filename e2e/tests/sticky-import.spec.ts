import type { BoardModel } from '@stormline/shared/board/read-board'
import { sticky } from '../fixtures/board-actions.ts'
import { openSection } from '../fixtures/cockpit.ts'
import { createBoardAs, joinBoard, tokenOf } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * The sticky import story (issue #16): a facilitator brings in the pain points a team wrote in a
 * spreadsheet before the workshop. A file with a mistake is shown row by row and changes
 * nothing; the corrected file lands on the board, each sticky in its phase, for everyone at once.
 */

test.use({ viewport: { width: 1280, height: 720 } })

/** A CSV file as the file picker hands it over. */
function csvFile(name: string, text: string): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') }
}

test('a facilitator imports a spreadsheet of stickies after fixing the row the preview flagged', async ({
  stormline,
}) => {
  const fay = await stormline.person()
  await fay.goto(stormline.url)
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  const pia = await stormline.person()
  await joinBoard(pia, board.participant, 'Pia')
  const model = (): Promise<BoardModel> =>
    stormline.api<BoardModel>(`/api/boards/${board.boardId}/model`, tokenOf(board.facilitator))

  // Fay opens the import from the timeline section of her cockpit.
  await openSection(fay, 'timeline-edit-toggle')
  await fay.getByTestId('sticky-import-open').click()
  const dialog = fay.getByRole('dialog', { name: 'Import stickies' })
  await expect(dialog).toBeVisible()

  // The team's sheet names a phase the board does not have: the preview says which row.
  const withMistake =
    'text,kind,phase,author\n' +
    'Waiting two weeks for a VM,pain,Environments & infrastructure,Pia\n' +
    '"Security review needs three approvals, each by email",pain,Security & compliance review,Pat\n' +
    'Nobody owns the runbooks,pain,Operations,Pat\n'
  await dialog.getByLabel('CSV file').setInputFiles(csvFile('pre-workshop.csv', withMistake))
  const preview = dialog.getByTestId('sticky-import-preview')
  await expect(preview.getByRole('row', { name: /Operations/ })).toContainText('Error')
  await expect(dialog.getByTestId('sticky-import-confirm')).toBeDisabled()
  // Nothing was written by looking.
  expect((await model()).stickies).toHaveLength(0)

  // She fixes the phase in her sheet and picks the file again.
  const fixed = withMistake.replace(',Operations,', ',Live & operate,')
  await dialog.getByLabel('CSV file').setInputFiles(csvFile('pre-workshop.csv', fixed))
  await expect(preview.getByRole('row')).toHaveCount(4)
  await expect(preview).toContainText('Live & operate')
  await expect(preview).not.toContainText('Error')
  await dialog.getByTestId('sticky-import-confirm').click()
  await expect(dialog.getByTestId('sticky-import-status')).toHaveText(
    '3 stickies added to the board.',
  )
  await dialog.getByRole('button', { name: 'Close' }).click()

  // Pia sees them appear, commas and all (the last phase is off her screen), each as a pain
  // point in its phase.
  await expect(sticky(pia, 'Security review needs three approvals, each by email')).toBeVisible()
  await expect(sticky(pia, 'Waiting two weeks for a VM')).toBeVisible()
  await expect
    .poll(async () =>
      (await model()).stickies.map((s) => `${s.kind}|${s.phaseName ?? ''}|${s.text}`).sort(),
    )
    .toEqual([
      'pain|Environments & infrastructure|Waiting two weeks for a VM',
      'pain|Live & operate|Nobody owns the runbooks',
      'pain|Security & compliance review|Security review needs three approvals, each by email',
    ])
})
