// Teams JSON (invoke answers, cards) is read field by field in tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';

/**
 * Bot Framework activities as Teams sends them to `POST /api/messages`, for tests. Shapes follow what Teams sends:
 * `from.aadObjectId` (the Entra object id members are stored by, `teams:<tenant>:<aad>`), `conversation.tenantId`
 * and `channelData.tenant`, `conversationType` `personal` | `channel` | `groupChat`, the bot's @mention in channel
 * messages (`<at>Switchboard</at> setup Acme` plus a `mention` entity), invokes for Universal Actions
 * (`adaptiveCard/action`) and dialogs (`task/fetch`, `task/submit`).
 */

export const TENANT = 'tenant-1';
export const BOT = { id: '28:switchboard-bot', name: 'Switchboard' };

export interface TeamsUser {
  /** Entra (AAD) object id: the member identity is `teams:${TENANT}:${aad}`. */
  aad: string;
  name: string;
  /** The Bot Framework id in Teams (`29:…`). */
  id?: string;
}

export interface TeamsPlace {
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
}

export const personalChat = (user: TeamsUser): TeamsPlace => ({
  conversationId: `a:personal-${user.aad}`,
  conversationType: 'personal',
});
export const teamsChannel = (name: string): TeamsPlace => ({
  conversationId: `19:${name}@thread.tacv2`,
  conversationType: 'channel',
});

export const teamsIdentityOf = (user: TeamsUser) => `teams:${TENANT}:${user.aad}`;

function base(serviceUrl: string, user: TeamsUser, place: TeamsPlace, locale: string) {
  return {
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id ?? `29:${user.aad}`, name: user.name, aadObjectId: user.aad },
    conversation: { id: place.conversationId, conversationType: place.conversationType, tenantId: TENANT },
    recipient: BOT,
    locale,
    channelData: {
      tenant: { id: TENANT },
      ...(place.conversationType === 'channel'
        ? { channel: { id: place.conversationId }, team: { id: `${place.conversationId}-team` } }
        : {}),
    },
  };
}

/** A text message; in a channel it @mentions the bot, as Teams requires for a bot to see it. */
export function teamsMessage(
  serviceUrl: string,
  user: TeamsUser,
  place: TeamsPlace,
  text: string,
  locale = 'en-US',
) {
  const mention = place.conversationType === 'personal' ? '' : `<at>${BOT.name}</at> `;
  return {
    ...base(serviceUrl, user, place, locale),
    type: 'message',
    text: `${mention}${text}`,
    ...(mention ? { entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] } : {}),
  };
}

/** A card button pressed (`Action.Execute`): `adaptiveCard/action` with its verb and data. `replyToId`: the card. */
export function teamsCardAction(
  serviceUrl: string,
  user: TeamsUser,
  place: TeamsPlace,
  verb: string,
  data: Record<string, unknown> = {},
  options: { replyToId?: string; locale?: string; trigger?: 'manual' | 'automatic' } = {},
) {
  return {
    ...base(serviceUrl, user, place, options.locale ?? 'en-US'),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
  };
}

/** The `Action.Submit` fallback of a button: a message with the card's data (and its verb) as `value`. */
export function teamsSubmit(
  serviceUrl: string,
  user: TeamsUser,
  place: TeamsPlace,
  data: Record<string, unknown>,
  options: { replyToId?: string; locale?: string } = {},
) {
  return {
    ...base(serviceUrl, user, place, options.locale ?? 'en-US'),
    type: 'message',
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value: data,
  };
}

/** A dialog (task module) opened (`task/fetch`) or submitted (`task/submit`), with the button's / form's data. */
export function teamsDialog(
  serviceUrl: string,
  user: TeamsUser,
  place: TeamsPlace,
  name: 'task/fetch' | 'task/submit',
  data: Record<string, unknown>,
  locale = 'en-US',
) {
  return {
    ...base(serviceUrl, user, place, locale),
    type: 'invoke',
    name,
    value: { data, context: { theme: 'default' } },
  };
}

/** Posts an activity to the app's `/api/messages` (no bearer: emulator mode) and returns status and JSON body. */
export async function postActivity(
  appUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** The Adaptive Card in an invoke answer: a Universal Actions card, or a dialog's card. */
export function cardOfInvoke(body: any): any {
  if (body?.type === 'application/vnd.microsoft.card.adaptive') return body.value;
  return body?.task?.value?.card?.content;
}

/** Every TextBlock / FactSet text of a card, joined: what a person reads. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') parts.push(o.text);
    if (typeof o.title === 'string') parts.push(o.title);
    if (typeof o.value === 'string' && o.type !== 'Input.Text') parts.push(o.value);
    if (typeof o.label === 'string') parts.push(o.label);
    for (const [key, value] of Object.entries(o)) if (key !== 'fallback') walk(value);
  };
  walk(card);
  return parts.join('\n');
}

/**
 * The CLI's words for adding a Teams user to a service (`member add --teams TENANT:AAD`, as operators do), with
 * `extra` flags (`--role admin`, `--permissions phone,sms`, `--cti a1`) after them.
 */
export function memberAddArgs(serviceId: string, user: TeamsUser, ...extra: string[]): string[] {
  return [
    'member',
    'add',
    '--service',
    serviceId,
    '--name',
    user.name,
    '--teams',
    `${TENANT}:${user.aad}`,
    ...extra,
  ];
}
