/** Platform start-up. H5 needs nothing: the gateway is same-origin. See platform.weapp.ts. */
export function initPlatform(): void {}
