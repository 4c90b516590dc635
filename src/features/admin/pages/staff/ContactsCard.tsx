import { View, Text } from '@tarojs/components'
import type { OutsideContact } from '@core/admin/api'
import { Field } from '../../../../components/Field'
import { Button } from '../../../../components/ui'

export interface ContactForm {
  policeName: string
  policePhone: string
  doctorName: string
  doctorPhone: string
}
export const toContact = (name: string, phone: string): OutsideContact | null =>
  name.trim() || phone.trim() ? { name: name.trim(), phone: phone.trim() } : null

interface Props {
  readonly contacts: ContactForm
  readonly setContacts: (contacts: ContactForm) => void
  readonly busy: boolean
  readonly save: () => void
}

/** A grid's police officer and family doctor, shown (masked) on its residents' service card. */
export function ContactsCard({ contacts, setContacts, busy, save }: Props) {
  return (
    <View className="card" ariaRole="region" ariaLabel="片区民警和家庭医生">
      <Text className="t-title">片区民警和家庭医生</Text>
      <View>
        <Text className="t-muted">
          显示在本网格居民的服务卡上（电话打码，拨打时才显示）。清空姓名和电话即删除。
        </Text>
      </View>
      <Field
        label="民警姓名"
        value={contacts.policeName}
        maxlength={20}
        onInput={(v) => setContacts({ ...contacts, policeName: v })}
      />
      <Field
        label="民警电话"
        value={contacts.policePhone}
        maxlength={13}
        onInput={(v) => setContacts({ ...contacts, policePhone: v })}
      />
      <Field
        label="家庭医生姓名"
        value={contacts.doctorName}
        maxlength={20}
        onInput={(v) => setContacts({ ...contacts, doctorName: v })}
      />
      <Field
        label="家庭医生电话"
        value={contacts.doctorPhone}
        maxlength={13}
        onInput={(v) => setContacts({ ...contacts, doctorPhone: v })}
      />
      <Button className="btn" type="primary" block disabled={busy} onClick={save}>
        保存
      </Button>
    </View>
  )
}
