/** H5: the page's consent step (a tap on 同意并继续) is the consent. */
export async function requirePrivacyConsent(): Promise<void> {}
