import { householdActions } from '@core/household/api'
import { joinActions } from '@core/join/api'
import { meActions } from '@core/me/api'
import { apiClient } from '../../services/cloud'

/** The mine subpackage's client: my data, household, helper profile (docs/adr/0002). */
export const callApi = apiClient({
  ...meActions,
  ...householdActions,
  'join.cancel': joinActions['join.cancel'], // pages/household: withdraw a pending move
})
