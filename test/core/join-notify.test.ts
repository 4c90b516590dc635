import {
  backoffMs,
  isDue,
  MAX_ATTEMPTS,
  notificationIdFor,
  statusAfterSend,
  STALE_SENDING_MS,
  type NotificationStatus,
} from '../../src/core/notify/model'
import {
  beijingTime,
  clipThing,
  FIELD_LIMITS,
  joinPendingMessage,
  NotifyTemplates,
} from '../../src/core/notify/templates'

describe('subscribe-message templates', () => {
  it.each(Object.entries(NotifyTemplates))(
    '%s: a page without a leading slash, keyword keys WeChat knows',
    (_key, t) => {
      expect(t.page).not.toMatch(/^\//)
      expect(t.page).not.toContain('?')
      for (const key of Object.keys(t.fields))
        expect(key).toMatch(/^(thing|time|date|name|phrase|number|character_string)\d+$/)
    },
  )

  it('fills the join message within WeChat’s limits, even for long names and places', () => {
    const data = joinPendingMessage({
      applicantName: '阿卜杜热合曼·买买提艾力·库尔班江·艾尔肯',
      buildingName: '幸福里小区东区第二十三号楼',
      unitName: '12单元',
      room: '2304',
      submittedAt: new Date(Date.UTC(2026, 10, 21, 16, 5)),
      move: false,
    })
    expect(Object.keys(data)).toEqual(Object.keys(NotifyTemplates.joinPending.fields))
    for (const [key, { value }] of Object.entries(data)) {
      if (key.startsWith('thing')) expect([...value].length).toBeLessThanOrEqual(FIELD_LIMITS.thing)
      expect(value.length).toBeGreaterThan(0)
    }
    expect(data.time3?.value).toBe('2026-11-22 00:05')
  })

  it.each([
    ['short', '王秀英', '王秀英'],
    ['exactly 20', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    [
      '21 → cut with an ellipsis',
      '一二三四五六七八九十一二三四五六七八九十一',
      '一二三四五六七八九十一二三四五六七八九…',
    ],
    ['whitespace collapsed', '  王  秀英 ', '王 秀英'],
    ['empty → a dash (WeChat refuses empty values)', '   ', '-'],
  ])('clipThing: %s', (_name, input, expected) => {
    expect(clipThing(input)).toBe(expected)
  })

  it('writes Beijing time, whatever the server clock zone', () => {
    expect(beijingTime(new Date(Date.UTC(2026, 0, 1, 0, 0)))).toBe('2026-01-01 08:00')
    expect(beijingTime(new Date(Date.UTC(2026, 11, 31, 23, 59)))).toBe('2027-01-01 07:59')
  })
})

describe('notification delivery rules', () => {
  it.each([
    [0, 'sent'],
    [43101, 'no_subscription'],
    [47003, 'failed'],
    [-1, 'failed'],
    [null, 'failed'],
  ] as const)('WeChat errcode %s → %s', (errcode, status) => {
    expect(statusAfterSend(errcode)).toBe(status)
  })

  const now = new Date(10 * 3_600_000)
  const ago = (ms: number) => new Date(now.getTime() - ms)
  type Cell = [NotificationStatus, number, number, boolean]
  // [status, attempts, age of last update (ms), due?]
  const cells: Cell[] = [
    ['pending', 0, 0, true],
    ['failed', 1, backoffMs(1) - 1, false],
    ['failed', 1, backoffMs(1), true],
    ['failed', 3, backoffMs(3), true],
    ['failed', MAX_ATTEMPTS, 86_400_000, false],
    ['sending', 1, STALE_SENDING_MS - 1, false],
    ['sending', 1, STALE_SENDING_MS, true],
    ['sent', 1, 86_400_000, false],
    ['no_subscription', 1, 86_400_000, false],
    ['cancelled', 0, 86_400_000, false],
  ]
  it.each(cells)('%s after %s attempts, last touched %s ms ago → due %s', (status, attempts, age, due) => {
    expect(isDue({ status, attempts, updatedAt: ago(age) }, now)).toBe(due)
  })

  it('backs off exponentially', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000])
  })

  it('gives one id per (kind, source, recipient)', () => {
    expect(notificationIdFor('join.pending', 'j1', 'u1')).toBe(notificationIdFor('join.pending', 'j1', 'u1'))
    expect(notificationIdFor('join.pending', 'j1', 'u1')).not.toBe(
      notificationIdFor('join.pending', 'j1', 'u2'),
    )
  })
})
