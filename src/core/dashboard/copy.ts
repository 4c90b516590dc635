/** The dashboards' error copy: shipped with the dashboard subpackage (registerCopy), not the main package. */
export const dashboardCopy: Readonly<Record<string, string>> = {
  'DASHBOARD.BAD_PERIOD': '时间范围有误：开始不晚于结束，不晚于今天，最长一年',
}
