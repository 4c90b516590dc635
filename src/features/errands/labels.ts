import type { ErrandMove } from '@core/errands/machine'
import type { ErrandType } from '@core/errands/model'

/** Pages of the errands subpackage (the notify templates point at board and detail). */
export const POST_URL = '/features/errands/pages/index/index'
export const MINE_URL = '/features/errands/pages/mine/index'
export const BOARD_URL = '/features/errands/pages/board/index'
export const DETAIL_URL = '/features/errands/pages/detail/index'
export const detailUrl = (errandId: string) => `${DETAIL_URL}?id=${encodeURIComponent(errandId)}`

/** China time (the phone's zone may differ on H5 test machines). */
const china = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000)
const two = (n: number) => String(n).padStart(2, '0')

/** `11月21日 09:05` in China time. */
export function shortTime(iso: string): string {
  const d = china(iso)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** `11月21日 09:00–11:00`, or both ends in full when the window crosses midnight. */
export function windowText(startIso: string, endIso: string): string {
  const s = shortTime(startIso)
  const e = shortTime(endIso)
  return s.split(' ')[0] === e.split(' ')[0] ? `${s}–${e.split(' ')[1]}` : `${s} – ${e}`
}

/** The button text of each move the detail page shows (system moves never reach a page). */
export function moveLabel(move: ErrandMove, type: ErrandType): string {
  const child = type === 'child_pickup'
  const labels: Record<ErrandMove, string> = {
    accept: '我来帮忙（接单）',
    release: '放弃接单',
    cancel: '取消这条互助',
    expire: '过期',
    start: child ? '已接到孩子（输入交接码）' : '开始帮忙',
    done: child ? '已送到家' : '已办完',
    lock: '锁定',
    unlock: '解除锁定',
    confirm: '确认完成',
    dispute: '有异议',
    settle: '认定完成（发放积分）',
    close: '关闭异议（不发积分）',
  }
  return labels[move]
}
