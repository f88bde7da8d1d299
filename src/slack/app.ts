import { App, LogLevel, type Logger } from '@slack/bolt';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { UseCases } from '../usecases/index.js';
import type { ChatPort } from '../usecases/notifications/chat-port.js';
import { createSlackChatPort } from './chat-port.js';
import type { SlackDeps } from './deps.js';
import { registerListeners } from './listeners/index.js';
import { SlackPeople } from './people.js';
import { FastifySlackReceiver } from './receiver.js';

export interface SlackSurface {
  bolt: App;
  /** How the notification use cases post, edit and DM on Slack. */
  chat: ChatPort;
  /** Socket Mode connects out to Slack; HTTP mode has nothing to start beyond the Fastify route. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

type SlackOn = Exclude<Config['slack'], { mode: 'off' }>;

/** Builds Bolt with every listener. In HTTP mode the receiver's route is added to `http`. */
export async function createSlackSurface(
  config: SlackOn,
  http: FastifyInstance,
  log: FastifyBaseLogger,
  features: {
    usecases: UseCases;
    publicUrl: string;
    modalAnswerWithinMs?: number;
    modalLoadingAfterMs?: number;
  },
): Promise<SlackSurface> {
  const slackLog = log.child({ surface: 'slack' });
  const clientOptions = config.apiUrl
    ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }
    : {};
  let receiver: FastifySlackReceiver | undefined;
  let bolt: App;
  if (config.mode === 'http') {
    receiver = new FastifySlackReceiver({
      signingSecret: config.signingSecret,
      claimDelivery: features.usecases.deliveries.claimSlackDelivery,
      log: slackLog,
    });
    bolt = new App({
      token: config.botToken,
      receiver,
      clientOptions,
      logger: boltLogger(slackLog),
      deferInitialization: true,
    });
    await receiver.register(http);
  } else {
    bolt = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      clientOptions,
      logger: boltLogger(slackLog),
      deferInitialization: true,
    });
  }

  const deps: SlackDeps = {
    usecases: features.usecases,
    people: new SlackPeople(),
    log: slackLog,
    publicUrl: features.publicUrl,
    modalAnswerWithinMs: features.modalAnswerWithinMs,
    modalLoadingAfterMs: features.modalLoadingAfterMs,
  };
  registerListeners(bolt, deps);
  bolt.error(async (error) => {
    slackLog.error({ err: error }, 'slack listener error');
  });

  return {
    bolt,
    chat: createSlackChatPort({ botToken: config.botToken, slackApiUrl: clientOptions.slackApiUrl }),
    async start() {
      // auth.test: a wrong token fails here, at start, with Slack's own error.
      await bolt.init();
      if (config.mode === 'socket') await bolt.start();
    },
    async stop() {
      if (config.mode === 'socket') await bolt.stop();
      await receiver?.stop();
    },
  };
}

/** Bolt's logger interface on top of our pino logger, so Slack lines land in the same log stream. */
function boltLogger(log: FastifyBaseLogger): Logger {
  let level: LogLevel = LogLevel.INFO;
  const format = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug(format(msg)),
    info: (...msg) => log.info(format(msg)),
    warn: (...msg) => log.warn(format(msg)),
    error: (...msg) => log.error(format(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
