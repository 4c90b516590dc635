// What the deliberation page tests share: a topic as topic.get answers it, and a big choice by its text.
import type { TopicDetail } from '../../src/core/deliberation/api'

/** The caller may do nothing (every `can` false). */
export const noMoves: TopicDetail['can'] = {
  moves: [],
  support: false,
  vote: false,
  enter: false,
  carry: false,
  rate: false,
  publishActivity: false,
  workPhotos: false,
}

/** A proposed topic of 新华社区第1网格, patched. */
export const topicDetail = (over: Partial<TopicDetail> = {}): TopicDetail => ({
  id: 'tp1',
  title: '在3号楼旁安装充电桩',
  status: 'proposed',
  statusLabel: '征集支持',
  placeName: '新华社区第1网格',
  supports: 2,
  threshold: 5,
  createdAt: '2026-12-07T02:00:00.000Z',
  gridId: 'g1',
  communityId: 'c1',
  me: 'u-me',
  buildingIds: null,
  text: '飞线充电太危险',
  proposerShown: '王**',
  photos: [],
  photoCount: 0,
  sources: null,
  wishId: null,
  households: 48,
  reason: null,
  decision: null,
  supported: false,
  vote: null,
  myBallot: null,
  result: null,
  work: null,
  evaluation: null,
  timeline: [],
  can: noMoves,
  ...over,
})

/** A big choice (radio) by its text. */
export const radio = (text: string) => {
  const r = [...document.querySelectorAll('[aria-role="radio"]')].find((el) => el.textContent === text)
  if (!r) throw new Error(`no choice ${text}`)
  return r
}
