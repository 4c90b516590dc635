import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { TrustedHelpers as Trusted } from '@core/errands/api'
import { MAX_TRUSTED } from '@core/errands/model'
import { Button } from '../../../components/ui'
import { failureCopy } from '../../../services/cloud'
import { callApi } from '../api'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

/**
 * 代接送小孩: the guardian's approved helpers, picked from the grid's verified helpers (errand.trusted
 * / errand.trust). Only they see and may take the family's child pickups. Reports the saved count.
 */
export function TrustedHelpers({ onSaved }: { readonly onSaved: (approved: number) => void }) {
  const [trusted, setTrusted] = useState<Trusted | null>(null)
  const [picked, setPicked] = useState<readonly string[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const show = (t: Trusted) => {
    setTrusted(t)
    setPicked(t.approved.map((a) => a.userId))
    onSaved(t.approved.length)
  }
  useEffect(() => {
    callApi('errand.trusted', {}).then(show, (e: unknown) =>
      setMessage(failureCopy(e, '帮办人名单加载失败，请重试')),
    )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const toggle = (id: string) => {
    if (picked.includes(id)) return setPicked(picked.filter((x) => x !== id))
    if (picked.length >= MAX_TRUSTED) return setMessage(`最多选择 ${MAX_TRUSTED} 位帮办人`)
    setMessage(null)
    setPicked([...picked, id])
  }
  const save = async () => {
    setBusy(true)
    setMessage(null)
    try {
      show(await callApi('errand.trust', { helperIds: [...picked] }))
      setMessage('已保存信任的帮办人')
    } catch (e) {
      setMessage(failureCopy(e, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" ariaRole="group" ariaLabel="信任的帮办人">
      <Text className="t-title">信任的帮办人</Text>
      <View>
        <Text className="t-muted">代接送小孩只有您选中的帮办人能看到和接单。请选择您认识、放心的人。</Text>
      </View>
      {message && (
        <View ariaRole="status">
          <Text className="t-body">{message}</Text>
        </View>
      )}
      {!trusted && !message && <Text className="t-muted">正在加载…</Text>}
      {trusted && trusted.candidates.length === 0 && (
        <Text className="t-body">本网格暂时没有认证的帮办人。</Text>
      )}
      {trusted && trusted.candidates.length > 0 && (
        <View className="errand__helpers">
          {trusted.candidates.map((c) => (
            <View
              key={c.userId}
              className={
                picked.includes(c.userId) ? 'errand__helper errand__helper--on btn' : 'errand__helper btn'
              }
              ariaRole="checkbox"
              {...checked(picked.includes(c.userId))}
              onClick={() => toggle(c.userId)}
            >
              {c.partyMember ? `${c.name}（党员）` : c.name}
            </View>
          ))}
        </View>
      )}
      {trusted && trusted.candidates.length > 0 && (
        <Button className="btn" block disabled={busy} onClick={() => void save()}>
          保存信任的帮办人
        </Button>
      )}
    </View>
  )
}
