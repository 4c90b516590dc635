/**
 * The list of features (one line each). Everything the shared tables know about a feature comes
 * from its declaration in `src/core/<feature>/feature.ts`; see docs/adding-a-feature.md.
 */
import { activitiesFeature } from './activities/feature'
import { adminFeature } from './admin/feature'
import { codesFeature } from './codes/feature'
import { directoryFeature } from './directory/feature'
import { errandsFeature } from './errands/feature'
import type { CoreFeature } from './feature'
import { householdFeature } from './household/feature'
import { joinFeature } from './join/feature'
import { marketFeature } from './market/feature'
import { meFeature } from './me/feature'
import { ordersFeature } from './orders/feature'
import { pointsFeature } from './points/feature'
import { workbenchFeature } from './workbench/feature'
import { deliberationFeature } from './deliberation/feature'
import { wishesFeature } from './wishes/feature'
import { noticesFeature } from './notices/feature'
import { guideFeature } from './guide/feature'
import { lendingFeature } from './lending/feature'
import { dashboardFeature } from './dashboard/feature'
import { exportsFeature } from './exports/feature'

export const features: readonly CoreFeature[] = [
  meFeature,
  joinFeature,
  directoryFeature,
  adminFeature,
  codesFeature,
  householdFeature,
  ordersFeature,
  pointsFeature,
  errandsFeature,
  activitiesFeature,
  marketFeature,
  workbenchFeature,
  deliberationFeature,
  wishesFeature,
  noticesFeature,
  guideFeature,
  lendingFeature,
  dashboardFeature,
  exportsFeature,
]
