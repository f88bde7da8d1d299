import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { issueTriggerId } from '../fakes/slack-web-api.js';

/**
 * Requests to our `POST /slack/events` shaped exactly as Slack sends them: the raw body is what gets signed, slash
 * commands are form-encoded, interactivity is form-encoded `payload=<json>`, events are JSON.
 * Payload shapes follow docs.slack.dev ("Implementing slash commands", "block_actions payloads",
 * "view_submission payloads"); ids default to the fake Web API's workspace (T0001, U0001, C0001).
 */

const DEFAULT_TEAM = 'T0001';
const DEFAULT_TEAM_DOMAIN = 'switchboard-test';
const DEFAULT_USER = 'U0001';
const DEFAULT_CHANNEL = 'C0001';
const APP_ID = 'A0001';
// Slack still sends the deprecated verification token; Bolt ignores it when a signing secret is set.
const VERIFICATION_TOKEN = 'fake-verification-token';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return 'v0=' + createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function slashCommandBody(input: {
  command: string;
  text?: string;
  teamId?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl: string;
}): string {
  const channelId = input.channelId ?? DEFAULT_CHANNEL;
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: input.teamId ?? DEFAULT_TEAM,
    team_domain: DEFAULT_TEAM_DOMAIN,
    channel_id: channelId,
    channel_name: channelId.startsWith('D') ? 'directmessage' : `channel-${channelId.toLowerCase()}`,
    user_id: input.userId ?? DEFAULT_USER,
    user_name: input.userName ?? (input.userId ?? DEFAULT_USER).toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? issueTriggerId(),
  }).toString();
}

/** Interactivity bodies: one form field, `payload`, holding the JSON. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export async function sendToSlackEndpoint(
  appBaseUrl: string,
  signingSecret: string,
  rawBody: string,
  opts: {
    contentType?: 'form' | 'json';
    timestamp?: number;
    signature?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: string; ms: number }> {
  const timestamp = opts.timestamp ?? nowSeconds();
  const contentType =
    (opts.contentType ?? (rawBody.trimStart().startsWith('{') ? 'json' : 'form')) === 'json'
      ? 'application/json'
      : 'application/x-www-form-urlencoded';
  const started = performance.now();
  const response = await fetch(`${appBaseUrl.replace(/\/$/, '')}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? slackSignature(signingSecret, timestamp, rawBody),
      ...opts.headers,
    },
    body: rawBody,
  });
  // Slack waits for the whole answer, so the 3-second clock stops when the body has arrived.
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

function userOf(teamId: string, userId: string): Record<string, unknown> {
  return { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId };
}

export function blockActionsPayload(input: {
  actionId: string;
  value?: string;
  teamId?: string;
  userId?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl?: string;
  view?: Record<string, unknown>;
  messageTs?: string;
  blockId?: string;
  selectedOption?: { value: string };
}): Record<string, unknown> {
  const teamId = input.teamId ?? DEFAULT_TEAM;
  const actionTs = `${nowSeconds()}.${String(randomInt(0, 1e6)).padStart(6, '0')}`;
  const action: Record<string, unknown> = input.selectedOption
    ? {
        type: 'static_select',
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        selected_option: {
          text: { type: 'plain_text', text: input.selectedOption.value, emoji: true },
          value: input.selectedOption.value,
        },
        placeholder: { type: 'plain_text', text: 'Choose', emoji: true },
        action_ts: actionTs,
      }
    : {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        text: { type: 'plain_text', text: input.actionId, emoji: true },
        ...(input.value !== undefined ? { value: input.value } : {}),
        action_ts: actionTs,
      };
  const common = {
    type: 'block_actions',
    user: userOf(teamId, input.userId ?? DEFAULT_USER),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? issueTriggerId(),
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (input.view) {
    // Actions inside a modal or the Home tab carry the view and no channel, message or response_url.
    const view: Record<string, unknown> = { state: { values: {} }, ...input.view };
    return { ...common, container: { type: 'view', view_id: view.id }, view, state: view.state };
  }
  const channelId = input.channelId ?? DEFAULT_CHANNEL;
  const messageTs = input.messageTs ?? `${nowSeconds()}.000100`;
  return {
    ...common,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: `channel-${channelId.toLowerCase()}` },
    message: {
      type: 'message',
      user: 'UBOT',
      bot_id: 'B0001',
      app_id: APP_ID,
      ts: messageTs,
      text: '',
      team: teamId,
    },
    state: { values: {} },
    // Slack always sends one for message actions; without one from the test there is nowhere safe to point it.
    ...(input.responseUrl !== undefined ? { response_url: input.responseUrl } : {}),
  };
}

export function viewSubmissionPayload(input: {
  callbackId: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  teamId?: string;
  userId?: string;
  viewId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? DEFAULT_TEAM;
  const viewId = input.viewId ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
  return {
    type: 'view_submission',
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    user: userOf(teamId, input.userId ?? DEFAULT_USER),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: issueTriggerId(),
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: input.privateMetadata ?? '',
      callback_id: input.callbackId,
      state: { values: input.values },
      hash: `${nowSeconds()}.${randomBytes(4).toString('hex')}`,
      title: { type: 'plain_text', text: 'Switchboard', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: APP_ID,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: 'B0001',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API `app_home_opened` callback (JSON), as Slack sends it when someone opens the app's Home tab. */
export function appHomeOpenedBody(input: { teamId: string; userId: string; eventId: string }): string {
  return JSON.stringify({
    token: 'x',
    team_id: input.teamId,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: input.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user: input.userId, channel: 'D0002', tab: 'home', event_ts: '1.2' },
  });
}
