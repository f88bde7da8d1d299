import { describe, expect, it } from '@jest/globals';
import { cardSentence, teamsText } from '../../src/teams/cards/card.js';

/** Sentences shared with Slack, as Teams people read them (src/teams/cards/card.ts). */
describe('teamsText', () => {
  it("names the Teams bot's words for commands both surfaces have", () => {
    // Adaptive Cards' markdown has no code spans: the backticks go, the words stay.
    expect(teamsText('Try `/callback list today` or `/wallboard pin`.')).toBe(
      'Try callback list today or wallboard pin.',
    );
    expect(teamsText('Run `/switchboard setup <service name>` to create one.')).toBe(
      'Run setup <service name> to create one.',
    );
  });

  it('marks the admin screens only Slack has, instead of a command Teams would not know', () => {
    expect(cardSentence('en', 'refusal.notMember')).toBe(
      'You are not a member of this service. Ask a service admin to add you with /switchboard members (Slack).',
    );
    expect(cardSentence('ko', 'callbacks.disabled')).toContain('/switchboard settings (Slack)');
  });

  it("drops Slack's emoji codes, turns *bold* into **bold**, and leaves times alone", () => {
    expect(teamsText(':warning: *3건* at 10:30:00')).toBe('**3건** at 10:30:00');
  });
});

describe('toCardMarkdown', () => {
  it('turns Slack bold into card bold once, and leaves card bold and escaped stars alone', () => {
    expect(teamsText('*a* and **b** and \\*c\\*')).toBe('**a** and **b** and \\*c\\*');
  });
});
