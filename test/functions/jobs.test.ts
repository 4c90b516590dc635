import { runJobs } from '../../cloudfunctions/shared/jobs'

// The sweep's jobs run in order, each isolated: one that throws is reported and the next still runs.

describe('runJobs', () => {
  it('runs every job in order with the same clock, and a failing one stops nothing', async () => {
    const now = new Date('2026-12-07T02:00:00Z')
    const seen: string[] = []
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
    const report = await runJobs(
      [
        { name: 'a.first', run: async (at) => (seen.push(`a ${at.toISOString()}`), 3) },
        {
          name: 'b.broken',
          run: async () => {
            seen.push('b')
            throw new Error('bad document')
          },
        },
        { name: 'c.last', run: async (at) => (seen.push(`c ${at.toISOString()}`), { expired: 1 }) },
      ],
      now,
    )
    expect(seen).toEqual(['a 2026-12-07T02:00:00.000Z', 'b', 'c 2026-12-07T02:00:00.000Z'])
    expect(report).toEqual({
      results: { 'a.first': 3, 'b.broken': null, 'c.last': { expired: 1 } },
      failed: ['b.broken'],
    })
    expect(log.mock.calls.map((c) => JSON.parse(String(c[0])))).toEqual([
      expect.objectContaining({
        level: 'error',
        what: 'sweep job failed',
        job: 'b.broken',
        error: 'Error: bad document',
      }),
    ])
    log.mockRestore()
  })
})
