/**
 * What a staff member's workbench counts, most urgent first (the home card shows the first that
 * is not zero). The rules of each are in ./rules.ts. A light file: the main package's home card
 * reads the order (./urgent.ts) without the contract's schemas.
 */
export const CountKeys = [
  'overdue',
  'hazard',
  'new',
  'joins',
  'disputes',
  'topics',
  'wishes',
  'signups',
  'vouchers',
  'lendOverdue',
  'lendPickups',
  'lendDue',
] as const
