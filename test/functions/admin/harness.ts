// The admin tests' shared world: one seeded local CloudBase per test file, request ids and a square boundary.
import { useApi } from '../../support/api-test'

export const { call, db, count, docOf: getDoc } = useApi()

// The admin side of the org tree, through the built `api` function in the local CloudBase with the
// real node-sdk: tree management, CSV import, role grants, staff lists with access logs.

export const rid = () => `req-${Math.random().toString(36).slice(2, 12)}`

export const square = [
  [112.54, 37.87],
  [112.55, 37.87],
  [112.55, 37.88],
  [112.54, 37.88],
]
