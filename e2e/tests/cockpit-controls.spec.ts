import type { Page } from '@playwright/test'
import { type StickyKind, stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import {
  addStickyWithShortcut,
  centreOf,
  pointInPhase,
  positionOf,
  selectSticky,
  sticky,
  stickyFill,
  stickyId,
} from '../fixtures/board-actions.ts'
import { laptopAndDesktop } from '../fixtures/cockpit.ts'
import { createBoardAs } from '../fixtures/stormline.ts'
import { expect, test } from '../fixtures/workshop.ts'

/**
 * Honest controls: what the facilitator's controls offer is what they do. A sticky's style
 * panel offers its kind, not a colour that would mean nothing; the timeline lock says what it
 * protects and protects it; effort sizes are listed once each.
 */

/** The fill of a kind's swatch in the legend, as #RRGGBB. */
async function legendFill(page: Page, kind: StickyKind): Promise<string> {
  const rgb = await page
    .getByTestId(`legend-${kind}`)
    .locator('.stormline-swatch')
    .evaluate((element) => getComputedStyle(element).backgroundColor)
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number)
  return `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`.toUpperCase()
}

interface DebugTimeline {
  run(fn: () => void, opts: { ignoreShapeLock: boolean }): void
  updateShape(partial: unknown): void
  getShape(id: string): { isLocked: boolean; props: { phases: { name: string }[] } } | undefined
}

async function phaseNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const editor = window.__stormline?.editor as DebugTimeline
    return editor.getShape('shape:timeline')?.props.phases.map((p) => p.name) ?? []
  })
}

for (const screen of laptopAndDesktop) {
  test.describe(`on a ${screen.width}×${screen.height} screen`, () => {
    test.use({ viewport: screen })

    test('the facilitator’s controls do what they say', async ({ stormline }) => {
      const fay = await stormline.person()
      await createBoardAs(fay, stormline.url, 'Fay')
      await addStickyWithShortcut(fay, '1', await pointInPhase(fay, 1), 'VM takes two weeks')
      await addStickyWithShortcut(fay, '1', await pointInPhase(fay, 2), 'Security review is slow')

      // Fay selects a sticky: the style panel offers its kind, and no colour swatches.
      await selectSticky(fay, 'VM takes two weeks')
      const picker = fay.getByTestId('kind-picker')
      await expect(picker).toBeVisible()
      await expect(fay.getByTestId('kind-picker-step')).toHaveAttribute('aria-pressed', 'true')
      await expect(fay.getByTestId('style.panel')).toBeVisible()
      await expect(fay.getByTestId('style.color')).toHaveCount(0)
      await expect(fay.getByTestId('style.opacity')).toHaveCount(0)
      // Size, font and alignment still apply to a sticky's text.
      await expect(fay.getByTestId('style.size')).toBeVisible()
      await expect(fay.getByTestId('style.font')).toBeVisible()

      // She makes it a pain point: its colour follows, as the legend shows it.
      await fay.getByTestId('kind-picker-pain').click()
      await expect(fay.getByTestId('kind-picker-pain')).toHaveAttribute('aria-pressed', 'true')
      await expect(fay.getByTestId('kind-picker-step')).toHaveAttribute('aria-pressed', 'false')
      await expect.poll(() => stickyFill(fay, 'VM takes two weeks')).toBe(stickyKindInfo.pain.fill)
      expect(await legendFill(fay, 'pain')).toBe(stickyKindInfo.pain.fill)
      await expect(fay.getByTestId('details-kind')).toHaveValue('pain')

      // With both stickies selected the kinds differ, so none is pressed; one pick changes both,
      // and one undo puts both back.
      const empty = await pointInPhase(fay, 0, -400)
      await fay.mouse.click(empty.x, empty.y)
      await expect(picker).toHaveCount(0)
      await selectSticky(fay, 'Security review is slow')
      const vm = await centreOf(fay, await stickyId(fay, 'VM takes two weeks'))
      await fay.keyboard.down('Shift')
      await fay.mouse.click(vm.x, vm.y)
      await fay.keyboard.up('Shift')
      await expect(fay.getByTestId('sticky-details')).toHaveCount(0)
      for (const kind of ['step', 'pain'] as const) {
        await expect(fay.getByTestId(`kind-picker-${kind}`)).toHaveAttribute(
          'aria-pressed',
          'false',
        )
      }
      await fay.getByTestId('kind-picker-question').click()
      for (const text of ['VM takes two weeks', 'Security review is slow']) {
        await expect.poll(() => stickyFill(fay, text)).toBe(stickyKindInfo.question.fill)
      }
      await fay.keyboard.press('Control+z')
      await expect.poll(() => stickyFill(fay, 'VM takes two weeks')).toBe(stickyKindInfo.pain.fill)
      await expect
        .poll(() => stickyFill(fay, 'Security review is slow'))
        .toBe(stickyKindInfo.step.fill)
      await fay.getByTestId('kind-picker-pain').click()
      await expect
        .poll(() => stickyFill(fay, 'Security review is slow'))
        .toBe(stickyKindInfo.pain.fill)

      // The two pain points become a cluster, to be sized later in the backlog.
      await fay.getByTestId('cluster-selection').click()
      await expect(fay.locator('[data-testid^="cluster-label-"]')).toHaveCount(1)
      await fay.keyboard.press('Escape')

      // Text is not a sticky: it keeps tldraw's own panel with its colours.
      const free = await pointInPhase(fay, 1, -400)
      await fay.keyboard.press('t')
      await fay.mouse.click(free.x, free.y)
      await fay.keyboard.type('Parking lot')
      await fay.keyboard.press('Escape')
      await expect(fay.getByTestId('style.color')).toBeVisible()
      await expect(fay.getByTestId('kind-picker')).toHaveCount(0)
      await fay.keyboard.press('Escape')

      // Fay locks the timeline. The lock says what it protects, and the phase editor is disabled.
      await fay.getByTestId('timeline-edit-toggle').click()
      const lock = fay.getByTestId('timeline-lock')
      await lock.click()
      await expect(lock).toHaveAttribute('aria-pressed', 'true')
      const status = fay.getByTestId('timeline-lock-status')
      await expect(status).toContainText('Locked')
      await expect(status).toContainText('phases')
      await expect(status).toContainText('place and size')
      await expect(fay.getByTestId('timeline-fields')).toHaveAttribute('disabled')
      await expect(fay.getByTestId('phase-name-0')).toBeDisabled()
      await expect(fay.getByTestId('phase-add')).toBeDisabled()
      await expect(fay.getByTestId('timeline-start-label')).toBeDisabled()

      // Dragging the timeline moves nothing.
      const before = await positionOf(fay, 'shape:timeline')
      const bar = await centreOf(fay, 'shape:timeline')
      await fay.mouse.move(bar.x + 40, bar.y)
      await fay.mouse.down()
      await fay.mouse.move(bar.x + 140, bar.y + 120, { steps: 8 })
      await fay.mouse.up()
      expect(await positionOf(fay, 'shape:timeline')).toEqual(before)

      // Not even an edit that bypasses tldraw's own lock renames a phase.
      const names = await phaseNames(fay)
      await fay.evaluate(() => {
        const editor = window.__stormline?.editor as DebugTimeline
        const timeline = editor.getShape('shape:timeline')
        if (timeline === undefined) throw new Error('no timeline')
        const phases = timeline.props.phases.map((p, i) =>
          i === 0 ? { ...p, name: 'Hijacked' } : p,
        )
        editor.run(
          () => editor.updateShape({ id: 'shape:timeline', type: 'timeline', props: { phases } }),
          {
            ignoreShapeLock: true,
          },
        )
      })
      expect(await phaseNames(fay)).toEqual(names)

      // She unlocks it and renames the first phase; the board shows the new name.
      await lock.click()
      await expect(lock).toHaveAttribute('aria-pressed', 'false')
      await expect(fay.getByTestId('phase-name-0')).toBeEnabled()
      await fay.getByTestId('phase-name-0').fill('Ideas')
      await expect.poll(() => phaseNames(fay)).toEqual(['Ideas', ...names.slice(1)])
      await expect(fay.locator('.timeline-shape__phase-name').first()).toHaveText('Ideas')

      // In the backlog, the cluster's effort is picked from S, M, L and XL, each listed once.
      await fay.getByTestId('backlog-toggle').click()
      const effort = fay.locator('[data-testid^="effort-"]').first()
      await expect(effort).toBeVisible()
      await expect(effort.locator('option')).toHaveText(['–', 'S', 'M', 'L', 'XL'])
      await expect(effort).toHaveAttribute('title', /S = 1, M = 2, L = 3, XL = 5/)
      await effort.selectOption('L')
      await expect(effort.locator('option:checked')).toHaveText('L')
      await expect(sticky(fay, 'VM takes two weeks')).toBeVisible()
    })
  })
}
