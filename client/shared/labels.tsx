/** How channels and sides are shown: a word, with a symbol beside it (never the symbol alone). */
import type { Channel } from '../../core/vocabulary/constants'

const CHANNEL_DISPLAY: Partial<Record<Channel, { label: string; symbol: string }>> = {
  email: { label: 'Email', symbol: '✉' },
  phone: { label: 'Phone', symbol: '☎' },
  siem: { label: 'SIEM', symbol: '⚠' },
  monitoring: { label: 'Monitoring', symbol: '◔' },
  news: { label: 'News', symbol: '▤' },
  social: { label: 'Social media', symbol: '#' },
  regulator: { label: 'Regulator', symbol: '§' },
  radio: { label: 'Radio', symbol: '⌁' },
  chat: { label: 'Chat', symbol: '✎' },
  briefing: { label: 'Briefing', symbol: '◆' },
}

/** The label and symbol of a channel; an unknown channel shows its own name. */
export function channelDisplay(channel: string): { label: string; symbol: string } {
  return (
    CHANNEL_DISPLAY[channel as Channel] ?? {
      label: channel.charAt(0).toUpperCase() + channel.slice(1),
      symbol: '•',
    }
  )
}

/** A team's side in words. */
export function sideLabel(side: string | null | undefined): string {
  switch (side) {
    case 'red':
      return 'Red team'
    case 'blue':
      return 'Blue team'
    case 'observer':
      return 'Observers'
    default:
      return ''
  }
}

/** An inject's channel as a small tag: symbol and word. */
export function ChannelTag({ channel }: { channel: string }) {
  const { label, symbol } = channelDisplay(channel)
  return (
    <span className={`channel-tag channel-tag--${channel}`} data-channel={channel}>
      <span aria-hidden="true">{symbol}</span> {label}
    </span>
  )
}
