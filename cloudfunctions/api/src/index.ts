/**
 * `api`: the one user-facing function. Routes every action of the core contract (src/core/api.ts);
 * each feature's routes live in ./routes/<feature>.ts. See docs/adr/0001-foundation.md for why one
 * function routes many actions.
 */
import { collectRoutes } from '../../shared/feature'
import { createApiHandler, jsonLog, type Routes } from '../../shared/kit'
import { logAccess } from '../../shared/repos/access-log'
import { placeById } from '../../shared/repos/org'
import { identify } from '../../shared/repos/users'
import { callerOpenId } from '../../shared/sdk'
import { activitiesServer } from './routes/activities'
import { adminServer } from './routes/admin'
import { codesServer } from './routes/codes'
import { directoryServer } from './routes/directory'
import { errandsServer } from './routes/errands'
import { householdServer } from './routes/household'
import { joinServer } from './routes/join'
import { marketServer } from './routes/market'
import { meServer } from './routes/me'
import { ordersServer } from './routes/orders'
import { pointsServer } from './routes/points'
import { workbenchServer } from './routes/workbench'
import { deliberationServer } from './routes/deliberation'
import { wishesServer } from './routes/wishes'
import { noticesServer } from './routes/notices'
import { guideServer } from './routes/guide'
import { lendingServer } from './routes/lending'
import { dashboardServer } from './routes/dashboard'
import { exportsServer } from './routes/exports'

/** The features (one line each): their routes and privacy contributions are collected from here. */
const features = [
  joinServer,
  directoryServer,
  adminServer,
  codesServer,
  householdServer,
  ordersServer,
  pointsServer,
  errandsServer,
  activitiesServer,
  marketServer,
  workbenchServer,
  deliberationServer,
  wishesServer,
  noticesServer,
  guideServer,
  lendingServer,
  dashboardServer,
  exportsServer,
] as const

const routes: Routes = collectRoutes([meServer(features), ...features])

export const main = createApiHandler(routes, {
  openId: callerOpenId,
  identify,
  log: jsonLog,
  place: placeById,
  audit: logAccess,
})
