/**
 * The love supermarket (爱心超市) and the community fund's payouts (src/core/market): this module is
 * its public face; each part lives next door:
 * - `market-base.ts`: the collections, the staff call's context, the not-found answers;
 * - `market-catalogue.ts`: the items, and saving one (stock set by the admin);
 * - `market-images.ts`: the vouchers' mini-program codes and the holder's views;
 * - `market-vouchers.ts`: redeem, my vouchers, cancel (and the close a cancel or an expiry makes);
 * - `market-pickup.ts`: the staff's lookup and verify at pickup;
 * - `market-sweep.ts`: the timer's expiry;
 * - `market-fund.ts`: the community fund.
 */
export { type MarketCtx } from './market-base'
export { items, save } from './market-catalogue'
export { redeem, vouchers, cancel } from './market-vouchers'
export { lookup, verify } from './market-pickup'
export { type VoucherSweepReport, sweepVouchers } from './market-sweep'
export { fundView, fundPay } from './market-fund'
