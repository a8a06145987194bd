import { describe, expect, it } from 'vitest'
import { boardPath, parseRoute } from './routes.ts'

describe('parseRoute', () => {
  it('recognises the home page', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' })
    expect(parseRoute('')).toEqual({ page: 'home' })
  })

  it('recognises board pages, with or without a trailing slash', () => {
    const boardId = 'AbCdEfGhIjKlMnOpQrStUv'
    expect(parseRoute(`/b/${boardId}`)).toEqual({ page: 'board', boardId })
    expect(parseRoute(`/b/${boardId}/`)).toEqual({ page: 'board', boardId })
    expect(parseRoute(boardPath(boardId))).toEqual({ page: 'board', boardId })
  })

  it('hands malformed board ids to the board page to reject', () => {
    expect(parseRoute('/b/nope')).toEqual({ page: 'board', boardId: 'nope' })
  })

  it('treats everything else as not found', () => {
    expect(parseRoute('/b')).toEqual({ page: 'not-found' })
    expect(parseRoute('/b/one/two')).toEqual({ page: 'not-found' })
    expect(parseRoute('/boards')).toEqual({ page: 'not-found' })
    expect(parseRoute('/b/%E0%A4%A')).toEqual({ page: 'not-found' })
  })
})
