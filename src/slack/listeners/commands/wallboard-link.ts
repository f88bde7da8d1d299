import type { RespondFn } from '@slack/bolt';
import type { ServiceDoc } from '../../../domain/services.js';
import { formatDateTime } from '../../../i18n/dates.js';
import { translate } from '../../../i18n/index.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { SlackContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { ephemeral } from '../../reply.js';
import { activeWallboardLinks } from '../../../usecases/wallboard-links.js';

/**
 * `/wallboard link` gives the caller a personal 8-hour link; `link screen [name]` (admins) a year-long link for a
 * wall monitor; `link list` and `link revoke <id>` manage those. Links are answered ephemerally only.
 */
export async function runWallboardLink(
  deps: SlackDeps,
  ctx: SlackContext,
  service: ServiceDoc,
  args: string,
  respond: RespondFn,
): Promise<void> {
  const { wallboardLinks } = deps.usecases;
  const { actor } = ctx;
  const say = (text: string) => ephemeral(respond, text);
  const when = (d: Date) => formatDateTime(d, service.settings.timeZone, ctx.locale);
  const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const sub = first.toLowerCase();
  if (sub === 'list') {
    const links = await wallboardLinks.listWallboardLinks(actor, service._id);
    if (!links.ok) return void (await say(renderProblemText(ctx.locale, links.problem)));
    const active = activeWallboardLinks(links.value);
    const lines = active.map((l) => `• \`${l._id}\` ${l.label ?? ''} — ${when(l.expiresAt)}`);
    return void (await say(
      `*${translate(ctx.locale, 'wallboard.linkList')}*\n${lines.join('\n') || translate(ctx.locale, 'common.none')}`,
    ));
  }
  if (sub === 'revoke') {
    const revoked = await wallboardLinks.revokeWallboardLink(actor, service._id, rest[0] ?? '');
    if (!revoked.ok) return void (await say(renderProblemText(ctx.locale, revoked.problem)));
    return void (await say(translate(ctx.locale, 'wallboard.linkRevoked', { id: revoked.value._id })));
  }
  const longLived = sub === 'screen';
  const label = rest.join(' ') || undefined;
  const issued = await wallboardLinks.issueWallboardLink(
    actor,
    service._id,
    // A personal link opens in the person's Slack language: the Slack context keeps it on their member record.
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
