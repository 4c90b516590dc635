import { joinActions } from '@core/join/api'
import { apiClient } from '../../services/cloud'

/** The grid subpackage's client (join review). */
export const callApi = apiClient({
  'join.inbox': joinActions['join.inbox'],
  'join.decide': joinActions['join.decide'],
})
