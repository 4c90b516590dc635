import { defineFeature } from '../feature'

/** The grid card (一键找人): who may call its actions, what the kit audits, and its error copy. */
export const directoryFeature = defineFeature({
  name: 'directory',
  permissions: {
    // Members of a household (every joined person holds a resident grant).
    'directory.card': ['resident'],
    'directory.call': ['resident'],
  },
  audited: ['directory.call'],
})
