/** Org tree management, CSV import, assignments and role grants: the admin side of scan-to-join. */
export const adminActions = {}
