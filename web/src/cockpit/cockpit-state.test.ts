import { describe, expect, it } from 'vitest'
import {
  defaultCockpitLayout,
  parseCockpitLayout,
  restoredLayout,
  toggleSection,
} from './cockpit-state.ts'

describe('cockpit layout', () => {
  it('starts with the session, the vote and the people open', () => {
    expect(parseCockpitLayout(null)).toEqual(defaultCockpitLayout)
  })

  it('keeps only known sections and a boolean fold from storage someone edited', () => {
    expect(parseCockpitLayout('{"folded":"yes","open":["vote","<script>",3,"share"]}')).toEqual({
      folded: false,
      open: ['vote', 'share'],
    })
    expect(parseCockpitLayout('not json')).toEqual(defaultCockpitLayout)
    expect(parseCockpitLayout('null')).toEqual(defaultCockpitLayout)
  })

  it('opens a closed section and closes an open one, leaving the others', () => {
    const opened = toggleSection({ folded: false, open: ['session'] }, 'vote')
    expect(opened.open).toEqual(['session', 'vote'])
    expect(toggleSection(opened, 'session').open).toEqual(['vote'])
  })

  it('never reopens the share section (secret links, delete) on its own', () => {
    expect(restoredLayout({ folded: true, open: ['share', 'vote'] })).toEqual({
      folded: true,
      open: ['vote'],
    })
  })
})
