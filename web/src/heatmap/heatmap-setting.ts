import { type Atom, atom } from 'tldraw'
import type { KeyValueStorage } from '../participant/identity.ts'

/**
 * Whether the pain heat-map is on: a view setting of this browser (like the cockpit's layout),
 * never a change to the board. Everyone chooses for their own screen.
 */

export const heatmapStorageKey = 'stormline.heatmap'

export function readHeatmapSetting(storage: KeyValueStorage | null): boolean {
  try {
    return storage?.getItem(heatmapStorageKey) === 'on'
  } catch {
    return false
  }
}

export function writeHeatmapSetting(storage: KeyValueStorage | null, on: boolean): void {
  try {
    storage?.setItem(heatmapStorageKey, on ? 'on' : 'off')
  } catch {
    // Storage full or disabled: the setting then lasts this page load.
  }
}

function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

let $heatmap: Atom<boolean> | null = null

/** The setting as a signal shared by the cockpit's toggle and the canvas overlay. */
export function heatmapSetting(): Atom<boolean> {
  if ($heatmap === null) $heatmap = atom('pain heat-map', readHeatmapSetting(browserStorage()))
  return $heatmap
}

export function setHeatmap(on: boolean): void {
  heatmapSetting().set(on)
  writeHeatmapSetting(browserStorage(), on)
}
