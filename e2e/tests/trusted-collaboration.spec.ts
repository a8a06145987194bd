import type { Page } from '@playwright/test'
import {
  addStickyWithShortcut,
  centreOf,
  pointInPhase,
  positionOf,
  sticky,
  stickyId,
} from '../fixtures/board-actions.ts'
import { createBoardAs, expectLive, joinBoard, waitForTextEditing } from '../fixtures/stormline.ts'
import { expect, type Stormline, test } from '../fixtures/workshop.ts'

/**
 * Collaboration people can trust (issue #12): two people working on the same sticky keep both
 * their changes, undo only takes back your own work, and what you write offline is not lost.
 */

/** Ana creates a board and Ben joins it through the participant link. */
async function anaAndBen(stormline: Stormline) {
  const ana = await stormline.person()
  const board = await createBoardAs(ana, stormline.url, 'Ana')
  const ben = await stormline.person()
  await joinBoard(ben, board.participant, 'Ben')
  return { ana, ben, board }
}

/** The sticky's text as a person's board holds it, read through the editor. */
async function textOf(page: Page, shapeId: string): Promise<string> {
  return page.evaluate((id) => {
    const editor = window.__stormline?.editor as {
      getShape(id: string): { props: { richText: unknown } } | undefined
    }
    const shape = editor.getShape(id)
    const walk = (node: unknown): string => {
      if (typeof node !== 'object' || node === null) return ''
      const { text, content } = node as { text?: unknown; content?: unknown }
      if (typeof text === 'string') return text
      return Array.isArray(content) ? content.map(walk).join('\n') : ''
    }
    return shape ? walk(shape.props.richText) : '<gone>'
  }, shapeId)
}

/** Drags a shape by its centre to a new screen point, in small steps as a hand does. */
async function drag(page: Page, shapeId: string, by: { x: number; y: number }): Promise<void> {
  const from = await centreOf(page, shapeId)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(from.x + (by.x * step) / 12, from.y + (by.y * step) / 12)
  }
  await page.mouse.up()
}

/**
 * Double-clicks into the sticky and puts the caret at the start or end of its whole text (not of
 * the wrapped line the click landed on). tldraw places the caret, or selects all, a moment after
 * the editor appears: the key is pressed until the editor holds a caret where it was asked for.
 */
async function startEditing(page: Page, shapeId: string, at: 'start' | 'end' = 'end') {
  const point = await centreOf(page, shapeId)
  await page.mouse.dblclick(point.x, point.y)
  await waitForTextEditing(page)
  await expect
    .poll(async () => {
      await page.keyboard.press(at === 'end' ? 'ControlOrMeta+End' : 'ControlOrMeta+Home')
      return page.evaluate((at) => {
        const editor = window.__stormline?.editor as {
          getRichTextEditor(): {
            state: {
              selection: { empty: boolean; from: number }
              doc: { content: { size: number } }
            }
          } | null
        }
        const text = editor.getRichTextEditor()
        if (!text?.state.selection.empty) return false
        const { from } = text.state.selection
        return at === 'start' ? from === 1 : from === text.state.doc.content.size - 1
      }, at)
    })
    .toBe(true)
}

test('text typed while someone drags the same sticky keeps both the text and the move', async ({
  stormline,
}) => {
  const { ana, ben } = await anaAndBen(stormline)

  await addStickyWithShortcut(ana, '2', await pointInPhase(ana, 3), 'Release needs')
  await expect(sticky(ben, 'Release needs')).toBeVisible()
  const id = await stickyId(ana, 'Release needs')

  let expected = 'Release needs'
  for (const [trial, words] of [' CAB', ' approval', ' every', ' week'].entries()) {
    // Ana types into the sticky while Ben drags it across the phase, at the same time.
    await startEditing(ana, id)
    const start = await positionOf(ben, id)
    const by = { x: trial % 2 === 0 ? 90 : -90, y: 30 }
    await Promise.all([ana.keyboard.type(words, { delay: 40 }), drag(ben, id, by)])
    await ana.keyboard.press('Escape')
    expected += words
    const moved = await positionOf(ben, id)
    expect(moved.x).not.toBe(start.x)

    // Both screens agree on Ana's whole text and on Ben's move.
    for (const person of [ana, ben]) {
      await expect.poll(() => textOf(person, id), { message: `trial ${trial}` }).toBe(expected)
      await expect.poll(() => positionOf(person, id)).toEqual(moved)
    }
  }
})

test("two people typing in the same sticky keep both people's words", async ({ stormline }) => {
  const { ana, ben } = await anaAndBen(stormline)
  await addStickyWithShortcut(ana, '2', await pointInPhase(ana, 3), 'waiting for')
  await expect(sticky(ben, 'waiting for')).toBeVisible()
  const id = await stickyId(ana, 'waiting for')

  // Ana adds to the end while Ben writes at the start, at the same time, each in their own editor.
  await startEditing(ana, id, 'end')
  await startEditing(ben, id, 'start')
  await Promise.all([
    ana.keyboard.type(' a VM', { delay: 50 }),
    ben.keyboard.type('Teams keep ', { delay: 50 }),
  ])
  await ana.keyboard.press('Escape')
  await ben.keyboard.press('Escape')

  for (const person of [ana, ben]) {
    await expect.poll(() => textOf(person, id)).toBe('Teams keep waiting for a VM')
  }
})

test('Ctrl+Z takes back only my own change, and the first press after deselecting works', async ({
  stormline,
}) => {
  const { ana, ben } = await anaAndBen(stormline)

  await addStickyWithShortcut(ana, '2', await pointInPhase(ana, 2), 'Waiting for a VM')
  await expect(sticky(ben, 'Waiting for a VM')).toBeVisible()
  const id = await stickyId(ana, 'Waiting for a VM')
  const before = await positionOf(ana, id)

  // Ana moves the sticky; then Ben rewrites its text.
  await drag(ana, id, { x: 120, y: 40 })
  const moved = await positionOf(ana, id)
  await expect.poll(() => positionOf(ben, id)).toEqual(moved)
  await startEditing(ben, id)
  await ben.keyboard.press('ControlOrMeta+a')
  await ben.keyboard.type('Waiting three weeks for a VM')
  await ben.keyboard.press('Escape')
  await expect.poll(() => textOf(ana, id)).toBe('Waiting three weeks for a VM')

  // Ana clicks an empty spot (deselecting) and presses Ctrl+Z once: her move is undone...
  await ana.mouse.click(40, 700)
  await ana.keyboard.press('ControlOrMeta+z')
  for (const person of [ana, ben]) {
    await expect.poll(() => positionOf(person, id)).toEqual(before)
    // ...and Ben's text stays on every screen.
    await expect.poll(() => textOf(person, id)).toBe('Waiting three weeks for a VM')
  }

  // Redo brings the move back, still without touching Ben's text.
  await ana.keyboard.press('ControlOrMeta+Shift+z')
  for (const person of [ana, ben]) {
    await expect.poll(() => positionOf(person, id)).toEqual(moved)
    await expect.poll(() => textOf(person, id)).toBe('Waiting three weeks for a VM')
  }
})

test('a sticky written offline survives closing the tab and reaches the others once back online', async ({
  stormline,
}) => {
  const { ana, ben, board } = await anaAndBen(stormline)
  const spot = await pointInPhase(ana, 1)

  // Ana's network drops; she keeps working, and the status says her change is not saved yet.
  await ana.context().setOffline(true)
  await expect(ana.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline')
  await addStickyWithShortcut(ana, '2', spot, 'Written on the train')
  await expect(ana.getByTestId('connection-status')).toContainText(/not yet saved/i)
  await expect
    .poll(() => ana.getByTestId('connection-status').getAttribute('data-unsaved'))
    .not.toBe('0')

  // Leaving the page with unsaved changes asks first; Ana stays.
  const asked = new Promise<string>((resolve) => {
    ana.once('dialog', (dialog) => {
      resolve(dialog.type())
      void dialog.dismiss()
    })
  })
  await ana.close({ runBeforeUnload: true })
  expect(await asked).toBe('beforeunload')
  await expect(ana.getByTestId('connection-status')).toBeVisible()

  // She closes the tab anyway. Ben never got the sticky.
  await ana.close()
  await expect(sticky(ben, 'Written on the train')).toHaveCount(0)

  // Back online, Ana opens the board again: the sticky is still there and reaches Ben.
  const context = ana.context()
  await context.setOffline(false)
  const again = await context.newPage()
  await again.goto(`${stormline.url}/b/${board.boardId}`)
  await expectLive(again)
  await expect(sticky(again, 'Written on the train')).toBeVisible()
  await expect(sticky(ben, 'Written on the train')).toBeVisible()
  await expect(again.getByTestId('connection-status')).toHaveAttribute('data-unsaved', '0')
})
