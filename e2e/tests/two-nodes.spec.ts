import type { Page } from '@playwright/test'
import { addStickyWithShortcut, pointInPhase, sticky } from '../fixtures/board-actions.ts'
import { expect, onNode, test } from '../fixtures/cluster.ts'
import { createBoardAs, expectLive, joinBoard, notes } from '../fixtures/stormline.ts'

/**
 * Scale-out (issue #15): several Stormline nodes on one PostgreSQL and one Redis serve the same
 * boards. Two people on one board through two nodes work together as on one, and when a node
 * dies the load balancer sends its people to another node, which has the whole board.
 */

const row = (page: Page, name: string) => page.getByTestId('person-row').filter({ hasText: name })

/** Moves the pointer over the board, so the others see a cursor with this person's name. */
async function pointAt(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x, y)
  await page.mouse.move(x + 20, y + 20)
}

test('two people on one board through two nodes, and node A dies', async ({ twoNodes }) => {
  // Three processes (two nodes and Redis), a database and two browsers on one machine.
  test.slow()
  // Fay facilitates through the load balancer, which sends her to node A.
  const fay = await twoNodes.person()
  const board = await createBoardAs(fay, twoNodes.balanced, 'Fay')

  // Pia opens the participant link Fay shared, and her browser reaches node B.
  const pia = await twoNodes.person()
  await joinBoard(pia, onNode(board.participant, twoNodes.nodeB), 'Pia')

  // Each adds a sticky; each sees the other's appear.
  await addStickyWithShortcut(fay, '1', await pointInPhase(fay, 0), 'Request a VM')
  await addStickyWithShortcut(pia, '2', await pointInPhase(pia, 1), 'VM takes two weeks')
  await expect(sticky(pia, 'Request a VM')).toBeVisible()
  await expect(sticky(fay, 'VM takes two weeks')).toBeVisible()

  // Each sees the other: Fay has Pia on her list of people, and each sees the other's cursor.
  await expect(fay.getByTestId('people-count')).toHaveText('2 people on the board')
  await expect(row(fay, 'Pia')).toBeVisible()
  await pointAt(fay, 700, 400)
  await expect(pia.locator('.tl-nametag', { hasText: 'Fay' })).toBeVisible()
  await pointAt(pia, 800, 500)
  await expect(fay.locator('.tl-nametag', { hasText: 'Pia' })).toBeVisible()

  // Node A dies. Pia, on node B, carries on.
  await twoNodes.crashNodeA()
  await addStickyWithShortcut(pia, '2', await pointInPhase(pia, 2), 'Nobody approves on Fridays')

  // Fay's page reconnects on its own, through the load balancer to node B: she sees what Pia
  // added while node A was down, and every sticky from before; Pia is still on her list.
  await expect(sticky(fay, 'Nobody approves on Fridays')).toBeVisible()
  await expectLive(fay)
  await expect(notes(fay)).toHaveCount(3)
  await expect(sticky(fay, 'Request a VM')).toBeVisible()
  await expect(sticky(fay, 'VM takes two weeks')).toBeVisible()
  await expect(fay.getByTestId('people-count')).toHaveText('2 people on the board')

  // Fay writes again; Pia sees it.
  await addStickyWithShortcut(fay, '2', await pointInPhase(fay, 3), 'Tickets wait for a meeting')
  await expect(sticky(pia, 'Tickets wait for a meeting')).toBeVisible()

  // Reloading, Fay gets the whole board from node B, still as its facilitator.
  await fay.reload()
  await expectLive(fay)
  await expect(notes(fay)).toHaveCount(4)
  await expect(fay.getByTestId('share-toggle')).toBeVisible()
})
