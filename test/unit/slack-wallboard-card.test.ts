import { describe, expect, it } from '@jest/globals';
import { ServiceFigures } from '../../src/domain/wallboard/service-figures.js';
import { renderWallboardCard } from '../../src/slack/blocks/wallboard.js';

/**
 * Anyone can name a service in `/switchboard setup`. The pinned wallboard's `text` carries that name into a channel,
 * and Slack reads `text` as mrkdwn: a name with `<!channel>` must not ping the channel at every refresh.
 */
describe('renderWallboardCard', () => {
  it('escapes the service name in the notification text', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const figures = new ServiceFigures(
      {
        timeZone: 'Asia/Seoul',
        dayStart: '00:00',
        serviceLevelThresholdSeconds: 20,
        shortAbandonCutoffSeconds: null,
      },
      now,
    );
    const snapshot = {
      ...figures.snapshot(now),
      id: 'svc',
      name: '<!channel> Ops & <https://evil.example|Desk>',
    };
    const card = renderWallboardCard('en', snapshot, {
      view: 'services',
      timeZone: 'Asia/Seoul',
      now,
      live: true,
    });
    expect(card.text).toBe(
      '&lt;!channel&gt; Ops &amp; &lt;https://evil.example|Desk&gt; wallboard: Waiting 0',
    );
  });
});
