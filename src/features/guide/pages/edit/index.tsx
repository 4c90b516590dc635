import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { GuideDetail, GuidePage } from '@core/guide/api'
import { GUIDE_LIMITS as L, type GuideLevel } from '@core/guide/model'
import { ChoiceList } from '../../../../components/ChoiceList'
import { Field } from '../../../../components/Field'
import { Notice, toast } from '../../../../components/Notice'
import { Page } from '../../../../components/Page'
import { SubmitButton } from '../../../../components/SubmitButton'
import { Button } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import '../../guide.scss'

const YES_NO = [
  { id: 'no', name: '不用预约' },
  { id: 'yes', name: '需要预约' },
]

/**
 * 编辑办事指南: a community admin writes the community's own entry (it replaces the street's of the
 * same 编号 for the community's residents), a street admin the street's. Removing the community's
 * entry shows the street's again.
 */
export default function EditGuidePage() {
  const params = useRouter().params
  const communityId = params.communityId ?? ''
  const editingCode = params.code ?? ''
  const [can, setCan] = useState<GuidePage['can'] | null>(null)
  const [level, setLevel] = useState<GuideLevel>('community')
  const [code, setCode] = useState(editingCode)
  const [title, setTitle] = useState('')
  const [category, setCategory] = useState('')
  const [materials, setMaterials] = useState('')
  const [hall, setHall] = useState({ name: '', address: '', hours: '', latitude: '', longitude: '' })
  const [phone, setPhone] = useState('')
  const [duration, setDuration] = useState('')
  const [appointment, setAppointment] = useState(false)
  const [notes, setNotes] = useState('')
  const [source, setSource] = useState<GuideLevel | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    const fill = (e: GuideDetail) => {
      setTitle(e.title)
      setCategory(e.category)
      setMaterials(e.materials.join('\n'))
      setHall({ ...e.hall, latitude: String(e.hall.latitude), longitude: String(e.hall.longitude) })
      setPhone(e.phone)
      setDuration(e.duration)
      setAppointment(e.appointment)
      setNotes(e.notes)
      setSource(e.source)
      setCan(e.can)
      setLevel(e.can.editCommunity ? 'community' : 'street')
    }
    const load = editingCode
      ? callApi('guide.get', { code: editingCode, communityId }).then(fill)
      : callApi('guide.list', { communityId }).then((p) => {
          setCan(p.can)
          setLevel(p.can.editCommunity ? 'community' : 'street')
        })
    load.catch((e: unknown) => setMessage(failureCopy(e, '加载失败，请重试')))
  }, [communityId, editingCode])

  const fields = () => ({
    title,
    category,
    materials: materials.split('\n'),
    hall: { ...hall, latitude: Number(hall.latitude), longitude: Number(hall.longitude) },
    phone,
    duration,
    appointment,
    notes,
  })
  const save = async () => {
    if (!/^[a-z0-9-]{2,40}$/.test(code))
      return setMessage('请填写事项编号（小写字母、数字和短横线，如 juzhuzheng）')
    setBusy(true)
    setMessage(null)
    try {
      await callApi('guide.save', { level, communityId, code, fields: fields() })
      toast('已保存')
      void Taro.redirectTo({
        url: `/features/guide/pages/detail/index?code=${code}&communityId=${communityId}`,
      })
    } catch (e) {
      setMessage(failureCopy(e, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const remove = async () => {
    const sure = await Taro.showModal({
      title: '删除本社区的事项',
      content: '删除后本社区居民将看到街道统一的办事指南（如有）。确定删除吗？',
    })
    if (!sure.confirm) return
    setBusy(true)
    try {
      await callApi('guide.remove', { level: 'community', communityId, code })
      toast('已删除')
      void Taro.navigateBack()
    } catch (e) {
      setMessage(failureCopy(e, '删除失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const levels = [
    ...(can?.editCommunity ? [{ id: 'community', name: '本社区（覆盖街道的同一事项）' }] : []),
    ...(can?.editStreet ? [{ id: 'street', name: '全街道' }] : []),
  ]
  const h = (k: keyof typeof hall) => (v: string) => setHall((was) => ({ ...was, [k]: v }))
  return (
    <Page label="编辑办事指南">
      <View className="card" ariaRole="form" ariaLabel="办事事项">
        {levels.length > 1 && (
          <ChoiceList
            label="保存到"
            options={levels}
            selected={level}
            onSelect={(o) => setLevel(o.id as GuideLevel)}
          />
        )}
        {!editingCode && (
          <Field
            label="事项编号"
            value={code}
            maxlength={40}
            placeholder="如 juzhuzheng"
            hint="同一编号的社区事项会覆盖街道的"
            onInput={setCode}
          />
        )}
        <Field
          label="事项名称"
          value={title}
          maxlength={L.title}
          placeholder="如：居住证办理"
          onInput={setTitle}
        />
        <Field
          label="分类"
          value={category}
          maxlength={L.category}
          placeholder="如：户籍证件"
          onInput={setCategory}
        />
        <Text className="t-body guide__label">{`所需材料（每行一项，最多 ${L.materials} 项）`}</Text>
        <Textarea
          className="guide__textarea t-body"
          value={materials}
          maxlength={2000}
          ariaLabel="所需材料"
          nativeProps={{ 'aria-label': '所需材料' }}
          onInput={(e) => setMaterials(e.detail.value)}
        />
        <Field
          label="办理地点"
          value={hall.name}
          maxlength={L.hall}
          placeholder="如：社区党群服务中心"
          onInput={h('name')}
        />
        <Field label="地址" value={hall.address} maxlength={L.address} onInput={h('address')} />
        <Field
          label="开放时间"
          value={hall.hours}
          maxlength={L.hours}
          placeholder="如：周一至周五 9:00–17:00"
          onInput={h('hours')}
        />
        <Field
          label="纬度"
          value={hall.latitude}
          type="number"
          onInput={h('latitude')}
          hint="地图上的位置，如 37.8731"
        />
        <Field
          label="经度"
          value={hall.longitude}
          type="number"
          onInput={h('longitude')}
          hint="如 112.5589"
        />
        <Field
          label="咨询电话"
          value={phone}
          maxlength={L.phone}
          placeholder="如：0351-5552101"
          onInput={setPhone}
        />
        <Field
          label="办理时限"
          value={duration}
          maxlength={L.duration}
          placeholder="如：即时办结、15个工作日"
          onInput={setDuration}
        />
        <ChoiceList
          label="是否预约"
          options={YES_NO}
          selected={appointment ? 'yes' : 'no'}
          onSelect={(o) => setAppointment(o.id === 'yes')}
        />
        <Text className="t-body guide__label">温馨提示（选填）</Text>
        <Textarea
          className="guide__textarea t-body"
          value={notes}
          maxlength={L.notes}
          ariaLabel="温馨提示"
          nativeProps={{ 'aria-label': '温馨提示' }}
          onInput={(e) => setNotes(e.detail.value)}
        />
      </View>
      <Notice text={message} />
      <SubmitButton busy={busy} onSubmit={save}>
        保存事项
      </SubmitButton>
      {editingCode && source === 'community' && can?.editCommunity && (
        <Button className="btn" block disabled={busy} onClick={() => void remove()}>
          删除本社区的这个事项
        </Button>
      )}
    </Page>
  )
}
