import { describe, expect, it } from '@jest/globals';
import { validateAdaptiveCard } from '../support/adaptive-cards.js';

/** What our callback card looks like: the shapes Teams gets from us, all inside Adaptive Cards 1.5. */
function validCard(): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      {
        type: 'TextBlock',
        text: '콜백 요청 · Callback request',
        weight: 'Bolder',
        size: 'Medium',
        wrap: true,
      },
      {
        type: 'FactSet',
        facts: [
          { title: '전화번호', value: '010-1234-5678' },
          { title: 'Requests', value: '2' },
        ],
      },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: 'Waiting', isSubtle: true }] },
          {
            type: 'Column',
            width: 'stretch',
            items: [{ type: 'TextBlock', text: '3', horizontalAlignment: 'Right' }],
          },
        ],
      },
      {
        type: 'Input.ChoiceSet',
        id: 'agent',
        label: 'Agent',
        choices: [{ title: 'Kim', value: 'm1' }],
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        verb: 'callback.assign',
        title: 'Assign',
        data: { callbackId: 'c1', type: 'not-an-element' },
        fallback: {
          type: 'Action.Submit',
          title: 'Assign',
          data: { verb: 'callback.assign', callbackId: 'c1' },
        },
      },
      { type: 'Action.Submit', title: 'Refresh', data: { verb: 'callback.refresh' } },
    ],
  };
}

describe('validateAdaptiveCard (Microsoft adaptivecards 3.0.6, schema 1.5)', () => {
  it('accepts a 1.5 card with TextBlock, FactSet, ColumnSet, Action.Execute (with verb) and Action.Submit', () => {
    expect(validateAdaptiveCard(validCard())).toEqual([]);
  });

  it('accepts older versions and an Action.ShowCard sub-card without its own version', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.2',
      body: [{ type: 'TextBlock', text: 'hi' }],
      actions: [
        {
          type: 'Action.ShowCard',
          title: 'More',
          card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }] },
        },
      ],
    };
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('rejects a broken card with one readable message per problem', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '9.9',
      body: [
        { type: 'Wallboard' },
        { type: 'FactSet', facts: [{ value: 'no title' }] },
        { type: 'Input.ChoiceSet', id: 'agent', choices: [] },
        { type: 'TextBlock', text: 'x', size: 'Huge' },
      ],
      actions: [
        { type: 'Action.Execute', title: 'Assign' },
        { type: 'Action.Teleport', title: '?' },
      ],
    };
    const violations = validateAdaptiveCard(card);
    expect(violations).toEqual(
      expect.arrayContaining([
        'card: version 9.9 is newer than 1.5, which Teams renders',
        'parse UnknownElementType at card: Unknown element type "Wallboard". Fallback will be used if present.',
        'parse UnknownActionType at card: Unknown action type "Action.Teleport". Fallback will be used if present.',
        'parse InvalidPropertyValue at TextBlock: Invalid value "Huge" for property "size".',
        'validate CollectionCantBeEmpty at Input.ChoiceSet "agent": An Input.ChoiceSet must have at least one choice defined.',
        'card.body[1].facts[0] (Fact): "title" is required',
        'card.actions[0] (Action.Execute): "verb" is required — the bot routes Action.Execute invokes by verb',
      ]),
    );
    expect(violations).toHaveLength(7);
  });

  it.each([
    [
      'version 1.6 (the library accepts it, Teams renders 1.5)',
      { version: '1.6' },
      'card: version 1.6 is newer than 1.5, which Teams renders',
    ],
    ['no version', { version: undefined }, 'card: "version" is required on a top-level card (use "1.5")'],
    ['a numeric version', { version: 1.5 }, 'card: "version" must be a string like "1.5", got number 1.5'],
    ['a garbled version', { version: 'abc' }, 'card: "version" must look like "1.5", got "abc"'],
    [
      'a versioned $schema newer than 1.5',
      { $schema: 'https://adaptivecards.io/schemas/1.6.0/adaptive-card.json' },
      'card: "$schema" https://adaptivecards.io/schemas/1.6.0/adaptive-card.json targets a version newer than 1.5',
    ],
  ])('rejects %s', (_label, patch, message) => {
    expect(validateAdaptiveCard({ ...validCard(), ...patch })).toEqual([message]);
  });

  it('rejects 1.6-only properties and elements through the 1.5 serialization context', () => {
    const card = validCard();
    card.actions = [{ type: 'Action.Submit', title: 'x', role: 'Button' }];
    card.body = [{ type: 'Carousel', pages: [] }];
    expect(validateAdaptiveCard(card)).toEqual([
      'parse UnknownElementType at card: Unknown element type "Carousel". Fallback will be used if present.',
      'parse UnsupportedProperty at Action.Submit: Property "role" is supported in version 1.6, but you are using version 1.5.',
    ]);
  });

  it('checks properties the 1.5 schema requires even where the library fills in defaults', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock' },
        { type: 'Image' },
        { type: 'Container', items: [{ type: 'TextBlock', text: 42 }] },
        { type: 'Input.Text', id: 't', isRequired: true },
      ],
      actions: [
        {
          type: 'Action.ShowCard',
          title: 'More',
          card: { type: 'AdaptiveCard', body: [], actions: [{ type: 'Action.Execute', verb: ' ' }] },
        },
      ],
    };
    expect(validateAdaptiveCard(card)).toEqual([
      'validate RequiredInputsShouldHaveLabel at Input.Text "t": Required inputs should have a label',
      'validate RequiredInputsShouldHaveErrorMessage at Input.Text "t": Required inputs should have an error message',
      'card.body[0] (TextBlock): "text" is required',
      'card.body[1] (Image): "url" is required',
      'card.body[2].items[0] (TextBlock): "text" must be a string, got number 42',
      'card.actions[0].card.actions[0] (Action.Execute): "verb" is required — the bot routes Action.Execute invokes by verb',
    ]);
  });

  it('does not read action data as card structure', () => {
    const card = validCard();
    card.actions = [
      { type: 'Action.Submit', title: 'x', data: { type: 'TextBlock', msteams: { type: 'task/fetch' } } },
    ];
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it.each([[null], ['{"type":"AdaptiveCard"}'], [[]], [42]])(
    'rejects %j, which is not a card object',
    (value) => {
      expect(validateAdaptiveCard(value)).toEqual([
        expect.stringMatching(/^card must be a JSON object, got /),
      ]);
    },
  );

  it('rejects a card whose type is not AdaptiveCard', () => {
    expect(validateAdaptiveCard({ ...validCard(), type: 'HeroCard' })).toEqual([
      `validate MissingCardType at AdaptiveCard: Invalid or missing card type. Make sure the card's type property is set to "AdaptiveCard".`,
    ]);
  });
});
