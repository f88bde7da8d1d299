/**
 * The operators' use cases, in a module of their own: the CLI loads these and not the whole core (callbacks,
 * exports, live figures), which keeps each command's start short.
 */
import type { WebhookClient } from '../integrations/webhooks.js';
import type { Store } from '../store/index.js';
import * as apiKeys from './api-keys.js';
import { bindAll, type Bound } from './bind.js';
import * as members from './members.js';
import * as services from './services.js';
import * as settings from './settings.js';
import * as wallboardLinks from './wallboard-links.js';

/**
 * The use cases that need only the database (and the webhook client, for settings): all the operators' CLI has,
 * since it runs without the server's scheduler, live figures or event bus.
 */
export function createOperatorUseCases(deps: { store: Store; webhooks: WebhookClient }) {
  const { store } = deps;
  return {
    services: bindAll(store, {
      setupService: services.setupService,
      linkService: services.linkService,
      listServicesAdministeredBy: services.listServicesAdministeredBy,
      listServices: services.listServices,
      resolveServiceForPlace: services.resolveServiceForPlace,
      loadServiceForPerson: services.loadServiceForPerson,
    }),
    settings: {
      ...bindAll(store, { getServiceSettings: settings.getServiceSettings }),
      /** Webhook URLs are checked with the server's client: the operator's allowed networks apply. */
      updateServiceSettings: (...args: Parameters<Bound<typeof settings.updateServiceSettings>>) =>
        settings.updateServiceSettings(store, args[0], args[1], args[2], args[3] ?? deps.webhooks),
    },
    members: bindAll(store, {
      saveMember: members.saveMember,
      listMembers: members.listMembers,
      rememberChatLocale: members.rememberChatLocale,
    }),
    /** Wall page links for a screen or a newcomer without Slack (`npm run cli -- wallboard link`). */
    wallboardLinks: bindAll(store, {
      issueWallboardLink: wallboardLinks.issueWallboardLink,
      revokeWallboardLink: wallboardLinks.revokeWallboardLink,
      listWallboardLinks: wallboardLinks.listWallboardLinks,
    }),
    apiKeys: bindAll(store, {
      createApiKey: apiKeys.createApiKey,
      revokeApiKey: apiKeys.revokeApiKey,
      listApiKeys: apiKeys.listApiKeys,
      authenticateApiKey: apiKeys.authenticateApiKey,
    }),
  };
}

export type OperatorUseCases = ReturnType<typeof createOperatorUseCases>;
