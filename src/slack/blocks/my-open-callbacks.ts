import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import { translate } from '../../i18n/index.js';
import type { CallbackPage } from '../../usecases/callbacks.js';
import { context, header, section } from './text.js';
import { renderCallbackRows } from './callback-list.js';

export interface MyOpenCallbacks {
  serviceName: string;
  timeZone: string;
  page: CallbackPage;
}

/** Home tab: 100 blocks in all; the help part takes a few, each callback two. */
const MAX_ROWS = 36;
const MAX_SERVICES = 5;

/**
 * "My open callbacks" on the App Home tab: per service the viewer takes callbacks in, the ones assigned to them,
 * oldest first, with their buttons. Service names are shown only when the person works for several.
 */
export function renderMyOpenCallbacks(locale: Locale, services: MyOpenCallbacks[]): KnownBlock[] {
  if (services.length === 0) return [];
  const blocks: KnownBlock[] = [{ type: 'divider' }];
  let rows = 0;
  for (const { serviceName, timeZone, page } of services.slice(0, MAX_SERVICES)) {
    blocks.push(
      header(
        services.length > 1
          ? translate(locale, 'cbcmd.home.titleOf', { service: serviceName })
          : translate(locale, 'cbcmd.home.title'),
      ),
    );
    if (page.items.length === 0) blocks.push(section(translate(locale, 'cbcmd.home.none')));
    const shown = page.items.slice(0, Math.max(0, MAX_ROWS - rows));
    blocks.push(...renderCallbackRows(locale, page, shown, timeZone));
    rows += shown.length;
    if (page.total > shown.length)
      blocks.push(context(translate(locale, 'cbcmd.home.more', { count: page.total - shown.length })));
  }
  return blocks;
}
