import type { App } from '@slack/bolt';
import { ErrorCode, type KnownBlock, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { translate } from '../../../i18n/index.js';
import { memberActor } from '../../../usecases/actor.js';
import { preparePin, recordPin, unpinWallboard, viewWallboard } from '../../../usecases/wallboard.js';
import {
  issueWallboardLink,
  listWallboardLinks,
  revokeWallboardLink,
} from '../../../usecases/wallboard-links.js';
import { formatDateTime } from '../../../i18n/dates.js';
import type { RespondFn } from '@slack/bolt';
import type { Actor } from '../../../usecases/actor.js';
import type { ServiceDoc } from '../../../domain/services.js';
import type { SlackContext } from '../../deps.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderWallboardCard } from '../../blocks/wallboard.js';
import { type SlackDeps, loadCommandContext } from '../../deps.js';
import { REFRESH_PINNED_WALLBOARD } from '../../jobs/refresh-pinned-wallboard.js';
import { replyOnFailure, type CommandArgs } from '../guard.js';

/** `/wallboard [agents]` shows the figures to the caller; `pin` / `unpin` manage the channel's live card. */
export function registerWallboardCommand(app: App, deps: SlackDeps): void {
  app.command(
    '/wallboard',
    replyOnFailure<CommandArgs>(deps.log, async ({ command, ack, client, respond }) => {
      await ack();
      const ctx = await loadCommandContext(deps, client, command);
      if (!ctx.service)
        return void (await respond({
          response_type: 'ephemeral',
          text: translate(ctx.locale, 'service.notLinked'),
        }));
      const actor = memberActor(ctx.member, 'slack');
      const service = ctx.service;
      const verb = command.text.trim().toLowerCase();

      if (verb === '' || verb === 'agents' || verb === 'services') {
        const result = await viewWallboard(deps, actor, service._id);
        if (!result.ok)
          return void (await respond({
            response_type: 'ephemeral',
            text: renderProblemText(ctx.locale, result.problem),
          }));
        const card = renderWallboardCard(ctx.locale, result.value, {
          view: verb === 'agents' ? 'agents' : 'services',
          timeZone: service.settings.timeZone,
          now: new Date(),
          live: false,
        });
        return void (await respond({ response_type: 'ephemeral', text: card.text, blocks: card.blocks }));
      }

      if (verb === 'pin') {
        const prepared = await preparePin(deps.store, actor, service._id, ctx.channelId);
        if (!prepared.ok)
          return void (await respond({
            response_type: 'ephemeral',
            text: renderProblemText(ctx.locale, prepared.problem),
          }));
        if (prepared.value.existing)
          return void (await respond({
            response_type: 'ephemeral',
            text: translate(ctx.locale, 'wallboard.alreadyPinned'),
          }));
        const locale = service.settings.locale;
        const card = renderWallboardCard(locale, deps.live.snapshot(service._id, service)!, {
          view: 'services',
          timeZone: service.settings.timeZone,
          now: new Date(),
          live: true,
        });
        const posted = await postAndPin(deps, client, ctx.channelId, card);
        if (posted === 'not_in_channel')
          return void (await respond({
            response_type: 'ephemeral',
            text: translate(ctx.locale, 'wallboard.botNotInChannel'),
          }));
        const pin = await recordPin(deps.store, actor, {
          serviceId: service._id,
          teamId: ctx.teamId,
          channelId: ctx.channelId,
          ts: posted.ts,
          view: 'services',
          locale,
          lastHash: card.hash,
        });
        if (!pin.ok) return;
        const seconds = service.settings.wallboardIntervalSeconds;
        await deps.scheduler.repeatFor(
          `${seconds} seconds`,
          REFRESH_PINNED_WALLBOARD,
          { field: 'pinId', value: pin.value._id },
          { pinId: pin.value._id },
        );
        return void (await respond({
          response_type: 'ephemeral',
          text: translate(ctx.locale, 'wallboard.pinned', { seconds }),
        }));
      }

      if (verb === 'link' || verb.startsWith('link '))
        return linkCommand(deps, ctx, actor, service, command.text.trim().slice(4).trim(), respond);

      if (verb === 'unpin') {
        const result = await unpinWallboard(deps.store, actor, service._id, ctx.channelId);
        if (!result.ok)
          return void (await respond({
            response_type: 'ephemeral',
            text: renderProblemText(ctx.locale, result.problem),
          }));
        await deps.scheduler.cancel(REFRESH_PINNED_WALLBOARD, { pinId: result.value._id });
        await client.pins
          .remove({ channel: ctx.channelId, timestamp: result.value.ts })
          .catch((error: unknown) => deps.log.warn({ err: error }, 'could not unpin the wallboard card'));
        return void (await respond({
          response_type: 'ephemeral',
          text: translate(ctx.locale, 'wallboard.unpinned'),
        }));
      }

      await respond({ response_type: 'ephemeral', text: translate(ctx.locale, 'wallboard.usage') });
    }),
  );
}

/**
 * Posts the live card and pins it. Pinning takes a member of the channel, while chat:write.public lets the bot post
 * in a public channel it was never invited to: then the card it could not pin is deleted again, and the admin is
 * told to invite the bot. A private channel refuses the post itself with the same `not_in_channel`.
 */
async function postAndPin(
  deps: SlackDeps,
  client: WebClient,
  channel: string,
  card: { text: string; blocks: KnownBlock[] },
): Promise<{ ts: string } | 'not_in_channel'> {
  let ts: string;
  try {
    const posted = await client.chat.postMessage({ channel, text: card.text, blocks: card.blocks });
    ts = posted.ts!;
  } catch (error) {
    if (isNotInChannel(error)) return 'not_in_channel';
    throw error;
  }
  try {
    await client.pins.add({ channel, timestamp: ts });
  } catch (error) {
    if (!isNotInChannel(error)) throw error;
    await client.chat
      .delete({ channel, ts })
      .catch((err: unknown) =>
        deps.log.warn({ err }, 'could not delete the wallboard card it could not pin'),
      );
    return 'not_in_channel';
  }
  return { ts };
}

function isNotInChannel(error: unknown): boolean {
  const e = error as Partial<WebAPIPlatformError>;
  return e.code === ErrorCode.PlatformError && e.data?.error === 'not_in_channel';
}

/**
 * `/wallboard link` gives the caller a personal 8-hour link; `link screen [name]` (admins) a year-long link for a
 * wall monitor; `link list` and `link revoke <id>` manage those. Links are answered ephemerally only.
 */
async function linkCommand(
  deps: SlackDeps,
  ctx: SlackContext,
  actor: Actor | undefined,
  service: ServiceDoc,
  args: string,
  respond: RespondFn,
): Promise<void> {
  const say = (text: string) => respond({ response_type: 'ephemeral', text });
  const when = (d: Date) => formatDateTime(d, service.settings.timeZone, ctx.locale);
  const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const sub = first.toLowerCase();
  if (sub === 'list') {
    const links = await listWallboardLinks(deps.store, actor, service._id);
    if (!links.ok) return void (await say(renderProblemText(ctx.locale, links.problem)));
    const active = links.value.filter((l) => !l.revokedAt && l.expiresAt > new Date());
    const lines = active.map((l) => `• \`${l._id}\` ${l.label ?? ''} — ${when(l.expiresAt)}`);
    return void (await say(
      `*${translate(ctx.locale, 'wallboard.linkList')}*\n${lines.join('\n') || translate(ctx.locale, 'common.none')}`,
    ));
  }
  if (sub === 'revoke') {
    const revoked = await revokeWallboardLink(deps.store, actor, service._id, rest[0] ?? '');
    if (!revoked.ok) return void (await say(renderProblemText(ctx.locale, revoked.problem)));
    return void (await say(translate(ctx.locale, 'wallboard.linkRevoked', { id: revoked.value._id })));
  }
  const longLived = sub === 'screen';
  const label = rest.join(' ') || undefined;
  const issued = await issueWallboardLink(
    deps.store,
    actor,
    service._id,
    longLived ? { longLived, label } : {},
  );
  if (!issued.ok) return void (await say(renderProblemText(ctx.locale, issued.problem)));
  const url = `${deps.publicUrl}${issued.value.path}`;
  const expires = when(issued.value.expiresAt);
  await say(
    longLived
      ? translate(ctx.locale, 'wallboard.screenLink', {
          label: label ?? 'Wall screen',
          id: issued.value.linkId ?? '',
          expires,
          url,
        })
      : translate(ctx.locale, 'wallboard.link', { expires, url }),
  );
}
