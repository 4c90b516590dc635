import { defineFeature } from '../feature'

/** The grid card (一键找人): who may call its actions, what the kit audits, and its error copy. */
export const directoryFeature = defineFeature({
  name: 'directory',
  permissions: {
    // Members of a household (every joined person holds a resident grant).
    'directory.card': { roles: ['resident'] },
    'directory.call': { roles: ['resident'] },
  },
  audited: ['directory.call'],
})
