import { defineFeature } from '../feature'

/** Volunteer activities and the volunteer-hours record: who may call its actions, what the kit audits, and its error copy (./copy.ts, shipped with its subpackage). */
export const activitiesFeature = defineFeature({
  name: 'activities',
  // Publishing and exporting name a community (checked by the kit); the rest check the activity's community.
  permissions: {
    'activity.publish': {
      roles: ['community_admin'],
      place: 'communityId',
      outOfScope: 'ACTIVITY.NOT_IN_SCOPE',
    },
    'activity.cancel': ['community_admin'],
    'activity.list': 'anyone',
    'activity.get': 'anyone',
    'activity.signup': ['resident'],
    'activity.withdraw': ['resident'],
    'activity.checkin': ['resident'],
    'activity.checkinCode': ['grid_worker', 'community_admin'],
    'activity.roster': ['grid_worker', 'community_admin'],
    'activity.confirm': ['grid_worker', 'community_admin'],
    'hours.mine': 'anyone',
    'hours.export': { roles: ['community_admin'], place: 'communityId', outOfScope: 'ACTIVITY.NOT_IN_SCOPE' },
  },
  audited: ['activity.roster', 'activity.confirm', 'hours.export'],
})
