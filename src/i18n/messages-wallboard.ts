import type { Messages } from './messages.js';

/** The wall page's combined view, its pop-out controls, and the guide's by-service and by-agent tables. */
export const wallboardMessages = {
  'wallboardPage.serviceName': { ko: '서비스명', en: 'Service' },
  'wallboardPage.serviceLevel': { ko: '서비스 레벨', en: 'Service level' },
  'wallboardPage.combinedName': { ko: '내 서비스 {count}개', en: 'My {count} services' },
  'wallboardPage.popOut.services': {
    ko: '서비스별 현황을 새 창으로 열기',
    en: 'Open the by-service view in a new window',
  },
  'wallboardPage.popOut.agents': {
    ko: '상담원별 현황을 새 창으로 열기',
    en: 'Open the by-agent view in a new window',
  },
  'wallboardPage.slThreshold': { ko: '{seconds}초 이내', en: 'within {seconds} s' },
} as const satisfies Messages;
