import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ContactKindLabel, type Contact, type GridCard } from '@core/directory/api'
import { callApi, failureCopy, ServiceError } from '../services/cloud'
import { Button } from './ui'
import './ServiceCard.scss'

/**
 * 一键找人: my grid's service card (网格员, 片区民警, 家庭医生, 楼栋长, 党员服务公示牌). Numbers are
 * shown masked; the full number is fetched only when the resident taps 拨打, and that is logged.
 */
export function ServiceCard() {
  const [card, setCard] = useState<GridCard | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    callApi('directory.card', {}).then(setCard, (err: unknown) =>
      setError(failureCopy(err, '服务卡加载失败')),
    )
  }, [])

  const call = async (contact: Contact) => {
    try {
      const { phone } = await callApi('directory.call', { contactId: contact.contactId })
      await Taro.makePhoneCall({ phoneNumber: phone })
    } catch (err) {
      if (err instanceof ServiceError) setError(err.copy)
    }
  }

  if (error) {
    return (
      <View className="card" ariaRole="alert">
        <Text className="t-body">{error}</Text>
      </View>
    )
  }
  if (!card) return null
  return (
    <View className="card service-card" ariaRole="region" ariaLabel="网格服务卡">
      <Text className="t-title">网格服务卡</Text>
      {card.contacts.map((c) => (
        <View key={c.contactId} className="service-card__row">
          <View className="service-card__who">
            <Text className="t-body service-card__name">
              {ContactKindLabel[c.kind]} · {c.name}
            </Text>
            <Text className="t-muted">
              {[c.buildingName, c.maskedPhone, c.skills.join('、')].filter(Boolean).join(' · ')}
            </Text>
          </View>
          {c.maskedPhone && (
            <Button
              className="btn service-card__call"
              type="primary"
              fill="outline"
              onClick={() => void call(c)}
            >
              拨打
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}
