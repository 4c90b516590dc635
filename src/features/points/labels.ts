export { shortTime, monthDay as shortDate } from '@core/china-time'
