import { isoInMin as inMin, ok, requestIds, useApi } from '../support/api-test'
import { LIU, WANG, XINHUA_01_WORKER as WORKER } from '../support/demo-people'

const { call, count } = useApi()

// What each caller's answers carry of the requester (core/errands/view.ts), through the built `api`
// function: lists reveal nobody else's name, address or phone; the requester sees her own name.

const rid = requestIds('reveal')
/** What a card may carry, written out by hand: anything more is a leak. */
const CARD_KEYS = [
  'buildingName',
  'errandId',
  'points',
  'requesterName',
  'status',
  'statusLabel',
  'text',
  'type',
  'typeLabel',
  'windowEnd',
  'windowStart',
].sort()
const PHONE = /1[3-9]\d{9}/
const ROOM = /302/

type Card = Record<string, unknown> & { errandId: string }
const cardIn = async (openid: string, action: string, input: Record<string, unknown>, id: string) => {
  const card = (ok(await call(openid, action, input)).items as Card[]).find((c) => c.errandId === id)
  if (!card) throw new Error(`${action}: errand ${id} not listed`)
  return card
}
const noContact = (card: Card) => {
  expect(Object.keys(card).sort()).toEqual(CARD_KEYS)
  expect(JSON.stringify(card)).not.toMatch(PHONE)
  expect(JSON.stringify(card)).not.toMatch(ROOM)
}

describe('errand lists and details, by who asks', () => {
  it('the requester sees her own name; helpers and grid workers see it masked in every list', async () => {
    const posted = ok(
      await call(WANG, 'errand.post', {
        requestId: rid(),
        type: 'groceries',
        text: '帮忙买一袋大米',
        note: '放门口即可',
        windowStart: inMin(10),
        windowEnd: inMin(130),
      }),
    )
    const id = posted.errandId as string
    expect(posted.requesterName).toBe('王秀英')

    // 我发布的: her own name, whole; still no contact data on a card.
    const own = await cardIn(WANG, 'errand.mine', { as: 'requester' }, id)
    expect(own.requesterName).toBe('王秀英')
    noContact(own)

    // The board: masked for a helper who may take it.
    const onBoard = await cardIn(LIU, 'errand.board', {}, id)
    expect(onBoard.requesterName).toBe('王**')
    noContact(onBoard)

    // Accepted: the helper's detail reveals (and logs it); their list still does not.
    ok(await call(LIU, 'errand.accept', { errandId: id }))
    const logsBefore = await count('access_logs', { subject: id, actorId: 'user-helper-liu', allowed: true })
    const helped = await cardIn(LIU, 'errand.mine', { as: 'helper' }, id)
    expect(helped.requesterName).toBe('王**')
    noContact(helped)
    expect(await count('access_logs', { subject: id, actorId: 'user-helper-liu', allowed: true })).toBe(
      logsBefore,
    )
    const detail = ok(await call(LIU, 'errand.get', { errandId: id }))
    expect(detail).toMatchObject({ requesterName: '王秀英', note: '放门口即可' })
    expect(detail.address).toContain('302室')
    expect(detail.phone).toMatch(PHONE)
    expect(await count('access_logs', { subject: id, actorId: 'user-helper-liu', allowed: true })).toBe(
      logsBefore + 1,
    )

    // Disputed: the grid worker's queue card and detail keep her name masked and carry no contact data.
    ok(await call(LIU, 'errand.done', { errandId: id }))
    ok(await call(WANG, 'errand.dispute', { errandId: id, reason: '米没有送到' }))
    const queued = await cardIn(WORKER, 'errand.queue', {}, id)
    expect(queued.requesterName).toBe('王**')
    noContact(queued)
    expect(ok(await call(WORKER, 'errand.get', { errandId: id }))).toMatchObject({
      requesterName: '王**',
      note: null,
      address: null,
      phone: null,
      disputeReason: '米没有送到',
    })
    // Past the helper's part (disputed), their detail hides the contact data again.
    expect(ok(await call(LIU, 'errand.get', { errandId: id }))).toMatchObject({
      requesterName: '王**',
      address: null,
      phone: null,
    })

    // Her own detail: all of it, and her own list still names her.
    const mine = ok(await call(WANG, 'errand.get', { errandId: id }))
    expect(mine).toMatchObject({ requesterName: '王秀英', note: '放门口即可', disputeReason: '米没有送到' })
    expect(mine.address).toContain('302室')
    expect((await cardIn(WANG, 'errand.mine', { as: 'requester' }, id)).requesterName).toBe('王秀英')
  }, 60_000)
})
