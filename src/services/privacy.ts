/**
 * Consent to the privacy guide (用户隐私保护指引) before any personal field. On H5 the page's own
 * consent step is the whole of it; platform.weapp adds WeChat's official authorisation.
 */
export { requirePrivacyConsent } from './privacy.h5'
