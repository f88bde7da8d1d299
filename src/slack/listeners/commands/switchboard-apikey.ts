import { translate } from '../../../i18n/index.js';
import { renderApiKeyList } from '../../blocks/api-keys.js';
import { renderProblemText } from '../../blocks/problem.js';
import { ephemeral } from '../../reply.js';
import type { CommandRun } from './switchboard.js';

/**
 * `/switchboard apikey` lists keys (with Create / Revoke buttons); `apikey create [name] [ip/cidr…]` and
 * `apikey revoke <id>` do it from the command line. Every answer is ephemeral: keys never land in channel history.
 */
export async function openApiKeys({ deps, respond, ctx, args }: CommandRun): Promise<void> {
  const say = (text: string) => ephemeral(respond, text);
  if (!ctx.service) return void (await say(translate(ctx.locale, 'service.notLinked')));
  const { apiKeys } = deps.usecases;
  const [verb = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const serviceId = ctx.service._id;

  if (verb === 'create') {
    const ips = rest.filter((w) => /^[0-9a-f:.]+(\/\d+)?$/i.test(w) && /[.:]/.test(w));
    const name = rest.filter((w) => !ips.includes(w)).join(' ');
    const result = await apiKeys.createApiKey(ctx.actor, serviceId, { name, allowedIps: ips });
    return void (await say(
      result.ok
        ? translate(ctx.locale, 'apikey.created', { name: result.value.apiKey.name, key: result.value.key })
        : renderProblemText(ctx.locale, result.problem),
    ));
  }
  if (verb === 'revoke') {
    if (!rest[0]) return void (await say(translate(ctx.locale, 'apikey.usage')));
    const result = await apiKeys.revokeApiKey(ctx.actor, serviceId, rest[0]);
    return void (await say(
      result.ok
        ? translate(ctx.locale, 'apikey.revoked', { name: result.value.name })
        : renderProblemText(ctx.locale, result.problem),
    ));
  }
  if (verb && verb !== 'list') return void (await say(translate(ctx.locale, 'apikey.usage')));

  const result = await apiKeys.listApiKeys(ctx.actor, serviceId);
  if (!result.ok) return void (await say(renderProblemText(ctx.locale, result.problem)));
  await respond({
    response_type: 'ephemeral',
    ...renderApiKeyList(ctx.locale, result.value, ctx.service.settings.timeZone),
  });
}
