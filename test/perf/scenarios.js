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
  // The public Open311 feed over the HTTP access service (no caller): the access service's event,
  // each round from its own address (the feed allows one address 60 requests a minute).
  open311: (round) =>
    [
      ['discovery', '/open311/v2/discovery.json', {}],
      ['services', '/open311/v2/services.xml', {}],
      ['requests.json', '/open311/v2/requests.json', {}],
      ['requests.xml', '/open311/v2/requests.xml', { status: 'open' }],
      ['requests paged', '/open311/v2/requests.json', { page_size: '50', page: '2' }],
    ].map(([name, path, query]) => ({
      name,
      event: {
        path,
        httpMethod: 'GET',
        headers: {
          host: 'bench.local',
          'x-forwarded-for': `198.18.${Math.floor(round / 250)}.${(round % 250) + 1}`,
        },
        queryStringParameters: query,
        body: '',
        isBase64Encoded: false,
      },
    })),
}

module.exports = { scenarios }
