import type { TurnContext } from '@microsoft/agents-hosting';
import type { FastifyBaseLogger } from 'fastify';
import type { UseCases } from '../usecases/index.js';
import type { TeamsChatPort } from './chat-port.js';
import type { AdaptiveCard } from './cards/card.js';
import type { TeamsContext } from './context.js';

/** What every Teams handler receives: the use cases and how to reach people, never the store. */
export interface TeamsDeps {
  usecases: UseCases;
  log: FastifyBaseLogger;
  /** Where links in cards point (wall pages, exports, privacy). */
  publicUrl: string;
  /** The Teams chat port, for updating posted cards from a handler. */
  chat: TeamsChatPort;
}

/** One turn: the SDK's context (to reply) and ours (who, where, which service). */
export interface TeamsTurn {
  deps: TeamsDeps;
  turn: TurnContext;
  ctx: TeamsContext;
}

/**
 * A text command (`callback list`, `wallboard pin`, `setup Acme`…), by its first word. `args` is the rest of the
 * text, trimmed. Korean words people type (`콜백`, `문자`, `전광판`, `도움말`) are aliases.
 */
export interface TeamsCommand {
  name: string;
  aliases?: string[];
  run(turn: TeamsTurn, args: string): Promise<void>;
}

/**
 * A card button (`Action.Execute` verb, or its `Action.Submit` fallback). The answer replaces the card for the
 * person who pressed (and, for shared cards, the handler updates the posted card for everyone through the port).
 * `refresh` is the verb of the per-user refresh of a card (Universal Actions).
 */
export interface TeamsCardAction {
  verb: string;
  /** The service the card belongs to, from its data (a callback's service, a digest's), else the conversation's. */
  serviceOf?(deps: TeamsDeps, data: Record<string, unknown>): Promise<string | undefined>;
  run(turn: TeamsTurn, data: Record<string, unknown>): Promise<CardActionAnswer>;
}

export type CardActionAnswer =
  /** Replace the pressed card, for the person who pressed, with this one. */
  | { kind: 'card'; card: AdaptiveCard }
  /** Keep the card and tell the person this (Teams shows it briefly under the card). */
  | { kind: 'message'; text: string };

/** A dialog (task module), by the `dialog` field of the button that opened it and of its submit data. */
export interface TeamsDialog {
  id: string;
  serviceOf?(deps: TeamsDeps, data: Record<string, unknown>): Promise<string | undefined>;
  open(turn: TeamsTurn, data: Record<string, unknown>): Promise<DialogAnswer>;
  submit(turn: TeamsTurn, data: Record<string, unknown>): Promise<DialogAnswer>;
}

export type DialogAnswer =
  /** Show (or show again, with inline errors) this card in the dialog. */
  | {
      kind: 'card';
      title: string;
      card: AdaptiveCard;
      width?: number | 'small' | 'medium' | 'large';
      height?: number | 'small' | 'medium' | 'large';
    }
  /** Close the form and show this text in the dialog. */
  | { kind: 'message'; text: string }
  /** Close the dialog. */
  | { kind: 'close' };

/** Every command, card action and dialog of the Teams surface; each feature adds its own in `handlers.ts`. */
export interface TeamsHandlers {
  commands: TeamsCommand[];
  cardActions: TeamsCardAction[];
  dialogs: TeamsDialog[];
}
