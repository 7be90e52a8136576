import { describe, expect, it } from 'vitest'
import { matchRoute, paths } from './routes'

describe('matchRoute', () => {
  it('finds each page from its path', () => {
    expect(matchRoute('/')).toEqual({ page: 'join', code: '' })
    expect(matchRoute('/join/K7QX-M2PD')).toEqual({ page: 'join', code: 'K7QX-M2PD' })
    expect(matchRoute('/facilitator')).toEqual({ page: 'facilitator' })
    expect(matchRoute('/facilitator/exercise/abc_-1')).toEqual({
      page: 'facilitatorExercise',
      exerciseId: 'abc_-1',
    })
    expect(matchRoute('/exercise/abc')).toEqual({ page: 'team', exerciseId: 'abc' })
    expect(matchRoute('/replay/abc')).toEqual({ page: 'replay', exerciseId: 'abc' })
  })

  it('answers notFound for anything else', () => {
    expect(matchRoute('/exercise/a/b')).toEqual({ page: 'notFound' })
    expect(matchRoute('/exercise/<script>')).toEqual({ page: 'notFound' })
    expect(matchRoute('/admin')).toEqual({ page: 'notFound' })
  })

  it('reads back the paths it builds', () => {
    expect(matchRoute(paths.join('AB CD'))).toEqual({ page: 'join', code: 'AB CD' })
    expect(matchRoute(paths.team('x1'))).toEqual({ page: 'team', exerciseId: 'x1' })
    expect(matchRoute(paths.facilitatorExercise('x1'))).toEqual({
      page: 'facilitatorExercise',
      exerciseId: 'x1',
    })
    expect(matchRoute(paths.facilitatorReport('x1'))).toEqual({
      page: 'facilitatorReport',
      exerciseId: 'x1',
    })
  })
})
