import { describe, expect, it } from 'vitest'
import { focusCamera } from './focus-camera.ts'

const options = { coveredLeft: 0, coveredRight: 0, inset: 0, minZoom: 0.1, maxZoom: 1 }
const toScreen = (p: { x: number; y: number }, c: { x: number; y: number; z: number }) => ({
  x: (p.x + c.x) * c.z,
  y: (p.y + c.y) * c.z,
})

describe('focus camera', () => {
  it('centres the target in the whole viewport when nothing covers it', () => {
    const camera = focusCamera({ x: 100, y: 200, w: 200, h: 100 }, { w: 1000, h: 800 }, options)
    expect(camera.z).toBe(1)
    expect(toScreen({ x: 200, y: 250 }, camera)).toEqual({ x: 500, y: 400 })
  })

  it('centres the target in the part the drawer leaves free', () => {
    const camera = focusCamera(
      { x: 0, y: 0, w: 200, h: 100 },
      { w: 1000, h: 800 },
      { ...options, coveredRight: 400 },
    )
    expect(toScreen({ x: 100, y: 50 }, camera)).toEqual({ x: 300, y: 400 })
  })

  it('keeps clear of panels on both sides', () => {
    const camera = focusCamera(
      { x: 0, y: 0, w: 200, h: 100 },
      { w: 1000, h: 800 },
      { ...options, coveredLeft: 300, coveredRight: 300 },
    )
    expect(toScreen({ x: 100, y: 50 }, camera)).toEqual({ x: 500, y: 400 })
  })

  it('zooms out until a wide target fits between the insets, never past the limits', () => {
    const camera = focusCamera(
      { x: 0, y: 0, w: 2000, h: 100 },
      { w: 1000, h: 800 },
      { ...options, coveredRight: 400, inset: 50 },
    )
    expect(camera.z).toBeCloseTo(0.25)
    expect(toScreen({ x: 0, y: 0 }, camera).x).toBeCloseTo(50)
    expect(toScreen({ x: 2000, y: 0 }, camera).x).toBeCloseTo(550)
    const tiny = focusCamera({ x: 0, y: 0, w: 1e6, h: 1 }, { w: 1000, h: 800 }, options)
    expect(tiny.z).toBe(0.1)
  })
})
