import { describe, expect, it } from 'vitest'
import { fitCamera, openingCamera, readableZoom } from './fit-view.ts'

/** Where a page point lands on screen under tldraw's camera convention. */
function toScreen(camera: { x: number; y: number; z: number }, x: number, y: number) {
  return { x: (x + camera.x) * camera.z, y: (y + camera.y) * camera.z }
}

const laptop = { w: 1280, h: 720 }
const covered = { left: 296, right: 340 }

describe('the opening view', () => {
  it('shows a small board whole, between the drawers', () => {
    const content = { x: 0, y: 0, w: 800, h: 400 }
    const camera = openingCamera(content, laptop, covered)
    const topLeft = toScreen(camera, 0, 0)
    const bottomRight = toScreen(camera, 800, 400)
    expect(topLeft.x).toBeGreaterThanOrEqual(covered.left)
    expect(bottomRight.x).toBeLessThanOrEqual(laptop.w - covered.right)
    expect(topLeft.y).toBeGreaterThanOrEqual(0)
    expect(bottomRight.y).toBeLessThanOrEqual(laptop.h)
  })

  it('keeps sticky text readable on a board too wide to fit, starting at the board’s start', () => {
    const content = { x: -100, y: -300, w: 3000, h: 800 }
    const camera = openingCamera(content, laptop, { left: 296, right: 0 })
    expect(camera.z).toBe(readableZoom)
    const start = toScreen(camera, -100, 100)
    expect(start.x).toBeGreaterThan(296)
    expect(start.x).toBeLessThan(296 + 64)
  })
})

describe('zoom to fit', () => {
  it('shows all of a wide board clear of both drawers, however small', () => {
    const content = { x: 0, y: 0, w: 6000, h: 900 }
    const camera = fitCamera(content, laptop, covered)
    expect(toScreen(camera, 0, 0).x).toBeGreaterThanOrEqual(covered.left)
    expect(toScreen(camera, 6000, 900).x).toBeLessThanOrEqual(laptop.w - covered.right)
  })
})
