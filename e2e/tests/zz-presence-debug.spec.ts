import { createBoardAs, joinBoard } from '../fixtures/stormline.ts'
import { test } from '../fixtures/workshop.ts'

test('debug clock', async ({ stormline }) => {
  const fay = await stormline.person()
  await fay.clock.install()
  let t = Date.now()
  const board = await createBoardAs(fay, stormline.url, 'Fay')
  console.log('fay', Date.now() - t)
  const ada = await stormline.person()
  await ada.clock.install()
  t = Date.now()
  await ada.goto(board.participant)
  console.log('goto', Date.now() - t)
  await ada.getByTestId('display-name-input').fill('Ada')
  console.log('fill', Date.now() - t)
  const rate = await ada.evaluate(async () => { const a = Date.now(); const p = performance.now(); await new Promise(r => setTimeout(r, 500)); return [Date.now() - a, performance.now() - p] })
  console.log('timer', rate, Date.now() - t)
  await ada.getByTestId('display-name-submit').click()
  console.log('click', Date.now() - t)
})
