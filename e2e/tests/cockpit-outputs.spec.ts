import { readFile, writeFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import {
  addStickyWithShortcut,
  centreOf,
  pointInPhase,
  selectSticky,
  sticky,
  stickyId,
} from '../fixtures/board-actions.ts'
import { laptopAndDesktop } from '../fixtures/cockpit.ts'
import { createBoardAs, expectLive, joinBoard } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * Outputs people can share: the backlog keeps the pain points nobody voted for ("Not voted
 * yet"), its links open the board read-only for someone outside the workshop when the
 * facilitator chooses to share that access (and otherwise say plainly that a board link is
 * needed), and the board's picture is named after the board and shows its clusters.
 */

interface Downloaded {
  name: string
  bytes: Buffer
  text: string
}

/** Clicks a download button or link and reads the file the browser saved. */
async function download(page: Page, control: Locator): Promise<Downloaded> {
  const [file] = await Promise.all([page.waitForEvent('download'), control.click()])
  const bytes = await readFile((await file.path()) ?? '')
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') }
}

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

const backlogRow = (page: Page, text: string) =>
  page.locator('[data-testid^="backlog-item-"]', { hasText: text })

/** The links of a Markdown export's "open cluster" entries. */
const clusterLinks = (markdown: string): string[] =>
  [...markdown.matchAll(/\[open cluster\]\(([^)]+)\)/g)].map((m) => m[1] ?? '')

const selectedCount = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const editor = window.__stormline?.editor as { getSelectedShapeIds(): string[] }
    return editor.getSelectedShapeIds().length
  })

for (const screen of laptopAndDesktop) {
  test.describe(`on a ${screen.width}×${screen.height} screen`, () => {
    test.use({ viewport: screen })

    test('the facilitator shares the backlog and a picture of the board with people outside the workshop', async ({
      stormline,
    }) => {
      // A whole workshop, three browsers and six downloads.
      test.setTimeout(360_000)
      // Fay runs "Release discovery"; Pia maps pain points.
      const fay = await stormline.person()
      const board = await createBoardAs(fay, stormline.url, 'Fay')
      await fay.getByTestId('share-toggle').click()
      await fay.getByTestId('board-rename-input').fill('Release discovery')
      await fay.getByTestId('board-rename-save').click()
      await expect(fay).toHaveTitle(/^Release discovery/)
      await fay.getByTestId('share-toggle').click()
      const pia = await stormline.person()
      await joinBoard(pia, board.participant, 'Pia')

      const environments = await pointInPhase(pia, 2, 250)
      const beside = (dx: number) => ({ x: environments.x + dx, y: environments.y })
      await addStickyWithShortcut(pia, '2', beside(-45), 'VM takes two weeks')
      await addStickyWithShortcut(pia, '2', beside(45), 'VM needs a cost centre')
      // The two-week wait needs a closer look (the sticky just typed is let go of first, so the
      // details shown are those of the one clicked).
      await pia.keyboard.press('Escape')
      await expect(pia.getByTestId('sticky-details')).toHaveCount(0)
      await selectSticky(pia, 'VM takes two weeks')
      await pia.getByTestId('details-deep-dive').check()
      await pia.keyboard.press('Escape')
      await addStickyWithShortcut(
        pia,
        '2',
        await pointInPhase(pia, 4, 250),
        'Staging data is stale',
      )
      await expect(sticky(fay, 'Staging data is stale')).toBeVisible()

      // Fay groups the VM pain points; the staging one stays on its own and gets no votes.
      await clusterTwo(fay, 'VM takes two weeks', 'VM needs a cost centre', 'VM requests')
      await expect(
        fay.locator('[data-testid^="cluster-label-"]', { hasText: 'VM requests' }),
      ).toBeVisible()
      await fay.keyboard.press('Escape')
      await openCockpitSection(fay, 'cockpit-vote-toggle')
      await fay.getByTestId('vote-budget').fill('2')
      await fay.getByTestId('vote-open').click()
      await pia.getByTestId('backlog-toggle').click()
      for (let dot = 0; dot < 2; dot++) {
        await backlogRow(pia, 'VM requests').locator('[data-testid^="vote-add-"]').click()
      }
      await expect(pia.getByTestId('dots-remaining')).toContainText('0 of 2')
      await fay.getByTestId('vote-close').click()

      // The backlog panel keeps the unvoted pain point, unranked.
      await fay.getByTestId('backlog-toggle').click()
      await expect(backlogRow(fay, 'VM requests').locator('[data-testid^="votes-"]')).toContainText(
        '2',
      )
      await expect(fay.getByTestId('backlog-unranked')).toContainText('Not voted yet')
      await expect(fay.getByTestId('backlog-unranked')).toContainText('Staging data is stale')

      // ... and so does every export.
      const markdown = await download(fay, fay.getByTestId('download-md'))
      expect(markdown.name).toBe('release-discovery-backlog.md')
      expect(markdown.text).toMatch(/^## 1\. VM requests$/m)
      expect(markdown.text).toMatch(/^## Not voted yet$/m)
      expect(markdown.text).toMatch(/^- Staging data is stale — Pia, .* · \[open pain point\]\(/m)
      const csv = (await download(fay, fay.getByTestId('download-csv'))).text
      const rows = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
      expect(rows[0]).toMatch(/,link,status$/)
      expect(rows.find((row) => row.includes('Staging data is stale'))).toMatch(/^,SL-.*,unranked$/)
      const json = JSON.parse((await download(fay, fay.getByTestId('download-json'))).text) as {
        items: { title: string }[]
        unranked: { title: string }[]
      }
      expect(json.items.map((i) => i.title)).toEqual(['VM requests'])
      expect(json.unranked.map((p) => p.title)).toEqual(['Staging data is stale'])

      // A product owner who was never on the board gets the plain Markdown: its link says plainly
      // that a board link from the facilitator is needed (not that a link was renewed).
      const [plainLink] = clusterLinks(markdown.text)
      expect(plainLink).not.toContain('token=')
      const olu = await stormline.person()
      await olu.goto(plainLink ?? '')
      await expect(olu.getByTestId('board-link-needed')).toBeVisible()
      await expect(olu.getByTestId('board-link-needed')).toContainText(
        'Ask the facilitator for a board link',
      )
      await expect(olu.getByTestId('board-link-needed')).not.toContainText('renewed')

      // Fay chooses to share read-only access with the export: its links carry the viewer link.
      await fay.getByTestId('export-share-viewer').check()
      const shared = await download(fay, fay.getByTestId('download-md'))
      expect(shared.name).toBe('release-discovery-backlog.md')
      const [sharedLink] = clusterLinks(shared.text)
      expect(new URL(sharedLink ?? '').searchParams.get('token')).toBe(
        new URL(board.viewer).searchParams.get('token'),
      )

      // The same product owner opens it: the board, read-only, framed on the VM cluster.
      await olu.goto(sharedLink ?? '')
      await olu.getByTestId('display-name-input').fill('Olu')
      await olu.getByTestId('display-name-submit').click()
      await expectLive(olu)
      await expect(olu.getByTestId('view-only-badge')).toBeVisible()
      await expect(sticky(olu, 'VM takes two weeks')).toBeInViewport()
      await expect(sticky(olu, 'VM needs a cost centre')).toBeInViewport()
      await expect.poll(() => selectedCount(olu)).toBe(2)
      // The token went into the board's cookie and out of the address bar.
      expect(new URL(olu.url()).searchParams.has('token')).toBe(false)
      // Pia, already on the board, follows the same link and stays a participant.
      await pia.goto(sharedLink ?? '')
      // Opening a board takes a while on a busy machine (the name dialog step of joinBoard usually
      // covers that time); this waits as long as the other openings in this story did.
      await expect(pia.getByTestId('connection-status')).toHaveAttribute('data-status', 'live', {
        timeout: 45_000,
      })
      await expect(sticky(pia, 'VM takes two weeks')).toBeInViewport()
      await expect(pia.getByTestId('view-only-badge')).toHaveCount(0)

      // The picture of the board: named after it, with the cluster, its votes and the flag.
      await fay.getByRole('button', { name: 'Close the backlog' }).click()
      await openCockpitSection(fay, 'cockpit-view-toggle')
      await expect(fay.getByTestId('export-image-scope')).toHaveValue('board')
      const svg = await download(fay, fay.getByTestId('export-image-svg'))
      expect(svg.name).toBe('Release-discovery.svg')
      const picture = await fay.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
        return {
          wellFormed: doc.querySelector('parsererror') === null,
          clusterNames: [...doc.querySelectorAll('[data-stormline="cluster-name"]')].map(
            (t) => t.textContent,
          ),
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        }
      }, svg.text)
      expect(picture.wellFormed).toBe(true)
      expect(picture.clusterNames).toEqual(['VM requests'])
      expect(picture.texts).toEqual(expect.arrayContaining(['VM requests', '2 votes', 'Deep dive']))
      expect(svg.text).toContain('Staging data is stale')

      const png = await download(fay, fay.getByTestId('export-image-png'))
      expect(png.name).toBe('Release-discovery.png')
      // Kept for a look by eye, as other stories keep their screenshots.
      await writeFile('../.tmp/e2e-board-export.png', png.bytes)
      expect(png.bytes.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      )

      // Only the selection: one VM pain point, in its cluster, without the rest of the board.
      await selectSticky(fay, 'VM needs a cost centre')
      await fay.getByTestId('export-image-scope').selectOption('selection')
      const selection = await download(fay, fay.getByTestId('export-image-svg'))
      expect(selection.name).toBe('Release-discovery.svg')
      expect(selection.text).toContain('VM needs a cost centre')
      expect(selection.text).toContain('VM requests')
      expect(selection.text).not.toContain('Staging data is stale')
      expect(selection.text).not.toContain('VM takes two weeks')

      // tldraw's own "Export as → SVG" in the context menu gives the same kind of file.
      const at = await centreOf(fay, await stickyId(fay, 'VM takes two weeks'))
      await fay.mouse.click(at.x, at.y, { button: 'right' })
      await fay.getByTestId('context-menu-sub.export-as-button').click()
      const fromMenu = await download(fay, fay.getByTestId('context-menu.export-as-svg'))
      expect(fromMenu.name).toBe('Release-discovery.svg')
      expect(fromMenu.text).toContain('data-stormline="cluster-name"')
      expect(fromMenu.text).toContain('VM requests')
    })
  })
}
