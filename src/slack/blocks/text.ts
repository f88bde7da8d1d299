import type { KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';

/** Small builders for the Block Kit pieces every renderer uses, with Slack's length limits applied. */
export function plain(text: string, max = 3000): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

export function section(markdown: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(markdown, 3000) } };
}

export function context(markdown: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(markdown, 3000) }] };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, 150) };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, 75), value: value.slice(0, 75) };
}

/** Escapes the three characters Slack's mrkdwn gives meaning to, for text typed by people. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A modal view: Slack cuts its title and button labels at 24 characters. */
export function modal(view: {
  callbackId?: string;
  metadata?: string;
  title: string;
  submit?: string;
  close: string;
  blocks: ModalView['blocks'];
}): ModalView {
  return {
    type: 'modal',
    ...(view.callbackId !== undefined ? { callback_id: view.callbackId } : {}),
    ...(view.metadata !== undefined ? { private_metadata: view.metadata } : {}),
    title: plain(view.title, 24),
    ...(view.submit !== undefined ? { submit: plain(view.submit, 24) } : {}),
    close: plain(view.close, 24),
    blocks: view.blocks,
  };
}
