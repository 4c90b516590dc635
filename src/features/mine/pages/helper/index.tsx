import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import {
  HelperSkillOptions,
  MAX_SKILL_LENGTH,
  MAX_SKILLS,
  type HelperProfile,
  type ReceivedThanks,
} from '@core/me/helper'
import { monthDay } from '@core/china-time'
import { Field } from '../../../../components/Field'
import { Page } from '../../../../components/Page'
import { Button, Switch } from '../../../../components/ui'
import { failureCopy } from '../../../../services/cloud'
import { callApi } from '../../api'
import { Notice, toast } from '../../../../components/Notice'
import { SubmitButton } from '../../../../components/SubmitButton'
import '../../mine.scss'

/** Taro maps `ariaChecked` to WeChat's aria-checked (and the DOM attribute on H5); its typings lack it. */
const checked = (on: boolean) => ({ ariaChecked: on }) as object

/**
 * 志愿服务资料 (党员亮身份): skills shown on the grid's service card, whether it says 党员, the opt-in to
 * new-errand reminders, and the thank-you notes neighbours left (newest first).
 */
export default function HelperPage() {
  const [profile, setProfile] = useState<HelperProfile | null>(null)
  const [skills, setSkills] = useState<string[]>([])
  const [showParty, setShowParty] = useState(false)
  const [notifyErrands, setNotifyErrands] = useState(false)
  const [thanks, setThanks] = useState<readonly ReceivedThanks[]>([])
  const [custom, setCustom] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    callApi('helper.profile', {}).then(
      (p) => {
        setProfile(p)
        setSkills([...p.skills])
        setShowParty(p.showParty)
        setNotifyErrands(p.notifyErrands)
        setThanks(p.thanks)
      },
      (err: unknown) => setMessage(failureCopy(err, '加载失败，请重试')),
    )
  }, [])

  const toggle = (skill: string) => {
    if (skills.includes(skill)) return setSkills(skills.filter((x) => x !== skill))
    if (skills.length >= MAX_SKILLS) return setMessage(`最多选择 ${MAX_SKILLS} 项技能`)
    setMessage(null)
    setSkills([...skills, skill])
  }

  const addCustom = () => {
    const text = custom.trim()
    if (!text) return
    if ([...text].length > MAX_SKILL_LENGTH) return setMessage(`每项技能不超过 ${MAX_SKILL_LENGTH} 个字`)
    if (skills.length >= MAX_SKILLS) return setMessage(`最多选择 ${MAX_SKILLS} 项技能`)
    if (!skills.includes(text)) setSkills([...skills, text])
    setCustom('')
  }

  const save = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const saved = await callApi('helper.update', { skills, showParty, notifyErrands })
      setProfile(saved)
      setSkills([...saved.skills])
      setShowParty(saved.showParty)
      setNotifyErrands(saved.notifyErrands)
      toast('已保存')
    } catch (err) {
      setMessage(failureCopy(err, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  const options = [
    ...HelperSkillOptions,
    ...skills.filter((s) => !(HelperSkillOptions as readonly string[]).includes(s)),
  ]
  return (
    <Page label="志愿服务资料">
      <Notice text={message} />
      {!profile && !message && <Text className="t-muted">正在加载…</Text>}
      {profile && (
        <>
          <View className="card" ariaRole="group" ariaLabel="我的技能">
            <Text className="t-title mine__section">我的技能</Text>
            <Text className="t-muted">
              最多 {MAX_SKILLS} 项，显示在网格服务卡上（已选 {skills.length} 项）
            </Text>
            <View className="mine__skills">
              {options.map((s) => (
                <View
                  key={s}
                  className={skills.includes(s) ? 'mine__skill mine__skill--on btn' : 'mine__skill btn'}
                  ariaRole="checkbox"
                  {...checked(skills.includes(s))}
                  onClick={() => toggle(s)}
                >
                  {s}
                </View>
              ))}
            </View>
            <Field
              label="其他技能"
              value={custom}
              onInput={setCustom}
              placeholder={`不超过 ${MAX_SKILL_LENGTH} 个字`}
              maxlength={MAX_SKILL_LENGTH}
            />
            <Button className="btn" block onClick={addCustom}>
              添加技能
            </Button>
          </View>

          <View className="card" ariaRole="group" ariaLabel="党员亮身份">
            <Text className="t-title mine__section">党员亮身份</Text>
            {profile.partyMember ? (
              <View className="mine__switch">
                <Text className="t-body">在服务卡上显示我的党员身份</Text>
                <Switch
                  checked={showParty}
                  onChange={(on: boolean) => setShowParty(on)}
                  ariaLabel="在服务卡上显示我的党员身份"
                  loadingIcon={null}
                />
              </View>
            ) : (
              <Text className="t-body">
                党员身份由社区工作人员登记。登记后，您可以选择是否在服务卡上显示。
              </Text>
            )}
          </View>

          <View className="card" ariaRole="group" ariaLabel="新互助提醒">
            <Text className="t-title mine__section">新互助提醒</Text>
            <View className="mine__switch">
              <Text className="t-body">接收新互助提醒</Text>
              <Switch
                checked={notifyErrands}
                onChange={(on: boolean) => setNotifyErrands(on)}
                ariaLabel="接收新互助提醒"
                loadingIcon={null}
              />
            </View>
            <Text className="t-muted">
              开启后，本网格有邻居发布互助时会通知您；不开启也可以随时在互助大厅查看。
            </Text>
          </View>

          <SubmitButton busy={busy} onSubmit={save}>
            保存
          </SubmitButton>

          <View className="card" ariaRole="group" ariaLabel="收到的感谢">
            <Text className="t-title mine__section">收到的感谢</Text>
            {thanks.length === 0 && <Text className="t-body">还没有感谢留言</Text>}
            {thanks.map((t) => (
              <View key={t.errandId} className="mine__thanks">
                <Text className="t-body">“{t.note}”</Text>
                <Text className="t-muted">
                  {t.from} · {t.typeLabel} · {monthDay(t.at)}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}
    </Page>
  )
}
