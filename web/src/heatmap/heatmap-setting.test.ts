import { describe, expect, it } from 'vitest'
import { heatmapStorageKey, readHeatmapSetting, writeHeatmapSetting } from './heatmap-setting.ts'

function memoryStorage() {
  const values = new Map<string, string>()
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  }
}

describe('heat-map setting', () => {
  it('is off until switched on, and remembered in this browser', () => {
    const storage = memoryStorage()
    expect(readHeatmapSetting(storage)).toBe(false)
    writeHeatmapSetting(storage, true)
    expect(storage.values.get(heatmapStorageKey)).toBe('on')
    expect(readHeatmapSetting(storage)).toBe(true)
    writeHeatmapSetting(storage, false)
    expect(readHeatmapSetting(storage)).toBe(false)
  })

  it('is off without storage, or when storage refuses', () => {
    expect(readHeatmapSetting(null)).toBe(false)
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied')
      },
      setItem: (): void => {
        throw new Error('denied')
      },
    }
    expect(readHeatmapSetting(broken)).toBe(false)
    expect(() => writeHeatmapSetting(broken, true)).not.toThrow()
  })
})
