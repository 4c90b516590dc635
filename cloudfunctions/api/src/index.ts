/**
 * `api`: the one user-facing function. Routes every action of the core contract (src/core/api.ts);
 * each feature's routes live in ./routes/<feature>.ts. See docs/adr/0001-foundation.md for why one
 * function routes many actions.
 */
import { createApiHandler, jsonLog, type Routes } from '../../shared/kit'
import { logAccess } from '../../shared/repos/access-log'
import { placeById } from '../../shared/repos/org'
import { identify } from '../../shared/repos/users'
import { callerOpenId } from '../../shared/sdk'
import { adminRoutes } from './routes/admin'
import { codeRoutes } from './routes/codes'
import { directoryRoutes } from './routes/directory'
import { householdRoutes } from './routes/household'
import { joinRoutes } from './routes/join'
import { meRoutes } from './routes/me'
import { orderConfigRoutes } from './routes/order-config'
import { orderRoutes } from './routes/orders'
import { errandRoutes } from './routes/errands'
import { pointRoutes } from './routes/points'
import { activityRoutes } from './routes/activities'
import { marketRoutes } from './routes/market'

const routes: Routes = {
  ...meRoutes,
  ...joinRoutes,
  ...directoryRoutes,
  ...adminRoutes,
  ...codeRoutes,
  ...householdRoutes,
  ...orderRoutes,
  ...pointRoutes,
  ...errandRoutes,
  ...activityRoutes,
  ...marketRoutes,
  ...orderConfigRoutes,
}

export const main = createApiHandler(routes, {
  openId: callerOpenId,
  identify,
  log: jsonLog,
  place: placeById,
  audit: logAccess,
})
