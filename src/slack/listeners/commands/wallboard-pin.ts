import type { RespondFn } from '@slack/bolt';
import { ErrorCode, type KnownBlock, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { ServiceDoc } from '../../../domain/services.js';
import { translate } from '../../../i18n/index.js';
import { renderProblemText } from '../../blocks/problem.js';
import { renderWallboardCard } from '../../blocks/wallboard.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeral } from '../../reply.js';

/** `/wallboard pin` (admins): a live card in the channel, pinned, refreshed every `wallboardIntervalSeconds`. */
export async function pinWallboard(
  deps: SlackDeps,
  ctx: SlackContext,
  service: ServiceDoc,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  const { wallboard, live } = deps.usecases;
  const say = (text: string) => ephemeral(respond, text);
  const prepared = await wallboard.preparePin(ctx.actor, service._id, ctx.channelId);
  if (!prepared.ok) return void (await say(renderProblemText(ctx.locale, prepared.problem)));
  if (prepared.value.existing) return void (await say(translate(ctx.locale, 'wallboard.alreadyPinned')));
  const locale = service.settings.locale;
  const card = renderWallboardCard(locale, live.snapshot(service._id, service)!, {
    view: 'services',
    timeZone: service.settings.timeZone,
    now: new Date(),
    live: true,
  });
  const posted = await postAndPin(deps, client, ctx.channelId, card);
  if (posted === 'not_in_channel')
    return void (await say(translate(ctx.locale, 'wallboard.botNotInChannel')));
  const pin = await wallboard.recordPin(ctx.actor, {
    serviceId: service._id,
    teamId: ctx.teamId,
    channelId: ctx.channelId,
    ts: posted.ts,
    view: 'services',
    locale,
    lastHash: card.hash,
  });
  if (!pin.ok) return;
  await say(
    translate(ctx.locale, 'wallboard.pinned', { seconds: service.settings.wallboardIntervalSeconds }),
  );
}

/** `/wallboard unpin` (admins): the refresh stops and the card is unpinned (it stays in the history). */
export async function unpinWallboard(
  deps: SlackDeps,
  ctx: SlackContext,
  service: ServiceDoc,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  const result = await deps.usecases.wallboard.unpinWallboard(ctx.actor, service._id, ctx.channelId);
  if (!result.ok) return void (await ephemeral(respond, renderProblemText(ctx.locale, result.problem)));
  await client.pins
    .remove({ channel: ctx.channelId, timestamp: result.value.ts })
    .catch((error: unknown) => deps.log.warn({ err: error }, 'could not unpin the wallboard card'));
  await ephemeral(respond, translate(ctx.locale, 'wallboard.unpinned'));
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
