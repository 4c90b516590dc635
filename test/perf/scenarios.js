/**
 * What each cloud function is benchmarked with: a mix of the actions real users call most, as
 * demo users of the seeded street (emulator/seed/demo-data.ts). Reads only, so a run can repeat.
 */
'use strict'

const WANG = 'demo-openid-resident-wang'
const WORKER = 'demo-openid-xinhua-01-worker'
const ADMIN = 'demo-openid-xinhua-admin'

const scenarios = {
  api: [
    { name: 'me.profile', openid: WANG, event: { action: 'me.profile' } },
    { name: 'directory.card', openid: WANG, event: { action: 'directory.card' } },
    {
      name: 'join.options',
      openid: 'bench-newcomer',
      event: { action: 'join.options', input: { level: 'building', parentId: 'gr-xinhua-01' } },
    },
    { name: 'join.inbox', openid: WORKER, event: { action: 'join.inbox' } },
    { name: 'join.mine', openid: ADMIN, event: { action: 'join.mine' } },
    // The first round generates the grid's 13 wxacode images (wx-server-sdk loaded), later rounds reuse them.
    { name: 'codes.list', openid: ADMIN, event: { action: 'codes.list', input: { gridId: 'gr-xinhua-01' } } },
  ],
  // The retry timer (no caller): one query for undelivered notifications, nothing due in the demo data.
  notify: [{ name: 'retryUndelivered', event: {} }],
  // The overdue sweep (timer, no caller): one indexed query on orders.dueAt, nothing due in the demo data.
  sweep: [{ name: 'sweep', openid: '', event: {} }],
}

module.exports = { scenarios }
