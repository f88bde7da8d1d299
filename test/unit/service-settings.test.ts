import { describe, expect, it } from '@jest/globals';
import {
  defaultServiceSettings,
  senderNumberSchema,
  serviceNameSchema,
  serviceSettingsSchema,
  type ServiceSettings,
} from '../../src/domain/service-settings.js';

const valid = (changes: Partial<Record<keyof ServiceSettings, unknown>>) =>
  serviceSettingsSchema.safeParse({ ...defaultServiceSettings(), ...changes }).success;

describe('service settings (README, Configuration)', () => {
  it('has the documented defaults', () => {
    expect(defaultServiceSettings()).toEqual({
      callbacksEnabled: true,
      smsEnabled: false,
      locale: 'ko',
      timeZone: 'Asia/Seoul',
      dayStart: '00:00',
      slackCallbackChannelId: null,
      teamsCallbackConversationId: null,
      wallboardIntervalSeconds: 10,
      serviceLevelThresholdSeconds: 20,
      serviceLevelTargetPercent: 80,
      longWaitWarningSeconds: 60,
      shortAbandonCutoffSeconds: null,
      abandonedToCallbackSeconds: null,
      outboundTicketAutoCreate: false,
      clickToDialWebhookUrl: null,
      ticketWebhookUrl: null,
      unassignedReminderMinutes: null,
      assignedReminderMinutes: null,
      smsSenderNumbers: [],
      smsAdNightConsent: false,
      smsOptOutNumber: null,
    });
    expect(defaultServiceSettings({ locale: 'en', wallboardIntervalSeconds: 30 })).toMatchObject({
      locale: 'en',
      wallboardIntervalSeconds: 30,
      timeZone: 'Asia/Seoul',
    });
  });

  it.each([
    ['wallboardIntervalSeconds', 5, 3600],
    ['serviceLevelThresholdSeconds', 1, 3600],
    ['serviceLevelTargetPercent', 0, 100],
    ['longWaitWarningSeconds', 1, 86_400],
    ['shortAbandonCutoffSeconds', 1, 600],
    ['abandonedToCallbackSeconds', 0, 3600],
    ['unassignedReminderMinutes', 1, 10_080],
    ['assignedReminderMinutes', 1, 10_080],
  ] as const)('%s is from %d to %d', (key, min, max) => {
    expect(valid({ [key]: min })).toBe(true);
    expect(valid({ [key]: max })).toBe(true);
    expect(valid({ [key]: min - 1 })).toBe(false);
    expect(valid({ [key]: max + 1 })).toBe(false);
  });

  it('counts seconds and minutes in whole numbers; the target percent may have a fraction', () => {
    expect(valid({ wallboardIntervalSeconds: 10.5 })).toBe(false);
    expect(valid({ unassignedReminderMinutes: 1.5 })).toBe(false);
    expect(valid({ serviceLevelTargetPercent: 87.5 })).toBe(true);
  });

  it('switches off the optional ones with null', () => {
    for (const key of [
      'shortAbandonCutoffSeconds',
      'abandonedToCallbackSeconds',
      'unassignedReminderMinutes',
      'assignedReminderMinutes',
      'clickToDialWebhookUrl',
      'ticketWebhookUrl',
      'slackCallbackChannelId',
    ] as const)
      expect(valid({ [key]: null })).toBe(true);
    expect(valid({ wallboardIntervalSeconds: null })).toBe(false);
  });

  it('takes the day start as HH:MM from 00:00 to 23:59', () => {
    for (const time of ['00:00', '09:30', '19:59', '23:59']) expect(valid({ dayStart: time })).toBe(true);
    for (const time of ['24:00', '7:00', '07:60', '0700', '07:00 ', 'x07:00'])
      expect(valid({ dayStart: time })).toBe(false);
  });

  it('takes IANA time zones only', () => {
    expect(valid({ timeZone: 'Europe/Berlin' })).toBe(true);
    expect(valid({ timeZone: 'Mars/Olympus_Mons' })).toBe(false);
  });

  it('takes Korean or English', () => {
    expect(valid({ locale: 'en' })).toBe(true);
    expect(valid({ locale: 'ja' })).toBe(false);
  });

  it('takes web addresses for the webhooks, nothing else', () => {
    expect(valid({ clickToDialWebhookUrl: 'https://pbx.example.com/dial' })).toBe(true);
    expect(valid({ ticketWebhookUrl: 'http://tickets.example.com/' })).toBe(true);
    expect(valid({ clickToDialWebhookUrl: 'ftp://pbx.example.com/' })).toBe(false);
    expect(valid({ ticketWebhookUrl: 'pbx.example.com' })).toBe(false);
  });

  it('takes up to 50 sender numbers of 8 to 12 digits', () => {
    expect(senderNumberSchema.safeParse('15881234').success).toBe(true);
    expect(senderNumberSchema.safeParse('021234567890').success).toBe(true);
    expect(senderNumberSchema.safeParse('1588123').success).toBe(false);
    expect(senderNumberSchema.safeParse('0212345678901').success).toBe(false);
    expect(senderNumberSchema.safeParse('02-123-4567').success).toBe(false);
    const numbers = (n: number) =>
      Array.from({ length: n }, (_, i) => `0212340${String(i).padStart(3, '0')}`);
    expect(valid({ smsSenderNumbers: numbers(50) })).toBe(true);
    expect(valid({ smsSenderNumbers: numbers(51) })).toBe(false);
  });

  it('takes a free 080 opt-out number of 10 or 11 digits, stored as digits, or none', () => {
    expect(valid({ smsOptOutNumber: '0801234567' })).toBe(true);
    expect(valid({ smsOptOutNumber: '08012345678' })).toBe(true);
    expect(valid({ smsOptOutNumber: null })).toBe(true);
    expect(valid({ smsOptOutNumber: '080123456' })).toBe(false);
    expect(valid({ smsOptOutNumber: '080123456789' })).toBe(false);
    expect(valid({ smsOptOutNumber: '0212345678' })).toBe(false);
    expect(valid({ smsOptOutNumber: '080-123-4567' })).toBe(false);
  });

  it('reads a stored document of an older version, filling the settings added since', () => {
    expect(serviceSettingsSchema.parse({ locale: 'en' })).toEqual(defaultServiceSettings({ locale: 'en' }));
  });
});

describe('service names', () => {
  it('are trimmed, required, and at most 80 characters', () => {
    expect(serviceNameSchema.parse('  고객센터  ')).toBe('고객센터');
    expect(serviceNameSchema.safeParse('   ').success).toBe(false);
    expect(serviceNameSchema.safeParse('가'.repeat(80)).success).toBe(true);
    expect(serviceNameSchema.safeParse('가'.repeat(81)).success).toBe(false);
  });
});
