import { translate } from '../../../i18n/index.js';
import { memberActor } from '../../../usecases/actor.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../usecases/api-keys.js';
import { renderApiKeyList } from '../../blocks/api-keys.js';
import { renderProblemText } from '../../blocks/problem.js';
import type { CommandRun } from './switchboard.js';

/**
 * `/switchboard apikey` lists keys (with Create / Revoke buttons); `apikey create [name] [ip/cidr…]` and
 * `apikey revoke <id>` do it from the command line. Every answer is ephemeral: keys never land in channel history.
 */
export async function openApiKeys({ deps, respond, ctx, args }: CommandRun): Promise<void> {
  if (!ctx.service)
    return void (await respond({
      response_type: 'ephemeral',
      text: translate(ctx.locale, 'service.notLinked'),
    }));
  const actor = memberActor(ctx.member, 'slack');
  const [verb = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const serviceId = ctx.service._id;

  if (verb === 'create') {
    const ips = rest.filter((w) => /^[0-9a-f:.]+(\/\d+)?$/i.test(w) && /[.:]/.test(w));
    const name = rest.filter((w) => !ips.includes(w)).join(' ');
    const result = await createApiKey(deps.store, actor, serviceId, { name, allowedIps: ips });
    const text = result.ok
      ? translate(ctx.locale, 'apikey.created', { name: result.value.apiKey.name, key: result.value.key })
      : renderProblemText(ctx.locale, result.problem);
    return void (await respond({ response_type: 'ephemeral', text }));
  }
  if (verb === 'revoke') {
    if (!rest[0])
      return void (await respond({
        response_type: 'ephemeral',
        text: translate(ctx.locale, 'apikey.usage'),
      }));
    const result = await revokeApiKey(deps.store, actor, serviceId, rest[0]);
    const text = result.ok
      ? translate(ctx.locale, 'apikey.revoked', { name: result.value.name })
      : renderProblemText(ctx.locale, result.problem);
    return void (await respond({ response_type: 'ephemeral', text }));
  }
  if (verb && verb !== 'list')
    return void (await respond({ response_type: 'ephemeral', text: translate(ctx.locale, 'apikey.usage') }));

  const result = await listApiKeys(deps.store, actor, serviceId);
  if (!result.ok)
    return void (await respond({
      response_type: 'ephemeral',
      text: renderProblemText(ctx.locale, result.problem),
    }));
  await respond({
    response_type: 'ephemeral',
    ...renderApiKeyList(ctx.locale, result.value, ctx.service.settings.timeZone),
  });
}
