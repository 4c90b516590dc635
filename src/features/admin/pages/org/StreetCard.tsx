import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'

/** The street admin's own street: its name and district (streets come with the deployment). */
export function StreetCard({ streetId }: { readonly streetId: string }) {
  const [name, setName] = useState('')
  const [district, setDistrict] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    callApi('join.options', { level: 'street', parentId: streetId }).then(
      (streets) => live && setName(streets.find((s) => s.id === streetId)?.name ?? ''),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [streetId])

  const save = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const saved = await callApi('org.street', {
        id: streetId,
        name: name.trim(),
        ...(district.trim() ? { district: district.trim() } : {}),
      })
      toast(`已保存：${saved.name}${saved.district ? `（${saved.district}）` : ''}`)
    } catch (err) {
      setMessage(failureCopy(err, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" ariaRole="region" ariaLabel="本街道信息">
      <Text className="t-title">本街道信息</Text>
      <Field label="街道名称" value={name} maxlength={20} onInput={setName} />
      <Field
        label="所属区县（选填，不填则不变）"
        value={district}
        maxlength={20}
        placeholder="如：迎泽区"
        onInput={setDistrict}
      />
      {/* A setting kept once: not the page's primary action (新建 below is). */}
      <Button className="btn" block disabled={busy || name.trim() === ''} onClick={() => void save()}>
        保存街道信息
      </Button>
      <Notice text={message} />
    </View>
  )
}
