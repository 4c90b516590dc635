// me.delete and the wish wall: my unclaimed wishes withdrawn, my unfulfilled claim released, my name
// off the wishes the community keeps (as owner and as a group member); me.data lists them first.
import { ok } from '../../support/api-test'
import { LIU, XINHUA_01_WORKER as WORKER } from '../../support/demo-people'
import { call, db, docOf, emu, rid } from './harness'

describe('me.delete and the wish wall', () => {
  it('settles what is pending through the machine and anonymises what stays', async () => {
    const ME = 'openid-me-wish'
    const userId = 'user-me-wish'
    const grid = { streetId: 'st-dongjie', communityId: 'cm-xinhua', gridId: 'gr-xinhua-01' }
    await db()
      .collection('users')
      .add({
        _id: userId,
        openid: ME,
        displayName: '孙丽',
        realName: '孙丽',
        phone: '13600004444',
        grants: [
          {
            role: 'resident',
            scope: {
              ...grid,
              buildingId: 'bd-xinhua-01-07',
              unitId: 'bd-xinhua-01-07-u1',
              householdId: 'hh-me-wish',
            },
          },
          { role: 'helper', scope: grid },
        ],
        createdAt: new Date(),
      })
    const post = async (title: string) =>
      ok(await call(ME, 'wish.post', { requestId: rid(), kind: 'need', title, text: '家里需要' }))
        .wishId as string
    const pending = await post('一把雨伞')
    const closed = await post('一台电风扇')
    ok(await call(WORKER, 'wish.publish', { wishId: closed, show: 'grid' }))
    ok(await call(LIU, 'wish.claim', { wishId: closed }))
    const photo = (
      await emu().app.uploadFile({
        cloudPath: `wishes/user-helper-liu/${closed}/1.jpg`,
        fileContent: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      })
    ).fileID as string
    ok(await call(LIU, 'wish.fulfil', { wishId: closed, photos: [photo] }))
    ok(await call(ME, 'wish.confirm', { wishId: closed, showName: 'surname' }))
    // 王秀英's wish on the wall that I claimed, with 刘志强 in my group.
    const other = ok(
      await call('demo-openid-resident-wang', 'wish.post', {
        requestId: rid(),
        kind: 'need',
        title: '一袋米',
        text: '腿脚不便',
      }),
    ).wishId as string
    ok(await call(WORKER, 'wish.publish', { wishId: other, show: 'grid' }))
    ok(
      await call(ME, 'wish.claim', {
        wishId: other,
        group: { name: '孙家小分队', memberIds: ['user-helper-liu'] },
      }),
    )

    const data = ok(await call(ME, 'me.data', {}))
    expect(data.wishes.count).toBe(3)
    expect(data.wishes.lines.map((l: { role: string }) => l.role).sort()).toEqual([
      'claimant',
      'owner',
      'owner',
    ])

    ok(await call(ME, 'me.delete', { confirm: true }))
    expect((await docOf('wishes', pending)).status).toBe('withdrawn')
    const released = await docOf('wishes', other)
    expect(released).toMatchObject({ status: 'published', claim: null, claimantIds: [] })
    const kept = await docOf('wishes', closed)
    expect(kept).toMatchObject({ status: 'closed', ownerName: '新邻居' })
    expect(kept.path.householdId).toBeNull()
    // The story named me by my surname: now by nobody.
    expect(kept.story.residentShown).toBe('一位居民')
  })
})
