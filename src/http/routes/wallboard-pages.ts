import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/service-settings.js';
import { localeFromAcceptLanguage, translate, type MessageKey } from '../../i18n/index.js';
import { messages } from '../../i18n/messages.js';
import { projectRoot } from '../../project-root.js';
import type { ServiceDoc } from '../../domain/services.js';
import type { UseCases } from '../../usecases/index.js';
import type { WallboardTokenError } from '../../usecases/wallboard-links.js';
import type { ServiceSnapshot } from '../../usecases/wallboard-live.js';
import { onServiceChange, openEventStream, streamRegistry } from '../sse.js';

const HEARTBEAT_MS = 15_000;
/** Bursts of events become one pushed snapshot per this interval, per stream (as on the API stream). */
const PUSH_COALESCE_MS = 100;
/** Service settings (thresholds, locale) are re-read at most this often, so a busy stream costs no extra reads. */
const SERVICE_CACHE_MS = 10_000;
const ROTATE_SECONDS = 5;
const COOKIE = 'sb_wallboard';

type View = 'rotate' | 'services' | 'agents';
type Denial = 'missing' | WallboardTokenError;

/**
 * The token travels in the URL once; the page removes it from the address bar and the cookie carries it afterwards
 * (so a screenshot of the wall shows no token). Neither is ever sent to another site: no referrer, self-only CSP.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex, nofollow',
} as const;

const querySchema = z.object({
  token: z.string().min(1).max(1024).optional().catch(undefined),
  lang: z.enum(LOCALES).optional().catch(undefined),
});

/** What the page needs besides the figures: its thresholds travel with every snapshot, so a change shows live. */
export type WallboardPageService = ServiceSnapshot & {
  thresholds: { serviceLevelTargetPercent: number; longWaitWarningSeconds: number };
};

interface Asset {
  body: string;
  type: string;
  href: string;
}

function loadAssets(): { html: string; css: Asset; js: Asset } {
  const dir = join(projectRoot(), 'web');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  // The content hash in the URL lets browsers keep the files for a year and still get a new release at once.
  const asset = (name: string, type: string): Asset => {
    const body = read(name);
    const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
    return { body, type, href: `/wallboard/assets/${name}?v=${version}` };
  };
  const html = read('wallboard.html');
  for (const [, key] of html.matchAll(/\{\{t:([\w.]+)\}\}/g))
    if (!(key! in messages)) throw new Error(`web/wallboard.html names an unknown message key: ${key}`);
  return { html, css: asset('wallboard.css', 'text/css'), js: asset('wallboard.js', 'text/javascript') };
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** JSON inside a `<script type="application/json">`: `<` escaped so no text can close the element early. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/** Sentences the page's script fills in itself (placeholders such as `{count}` are filled there). */
const SCRIPT_LABELS = [
  'wallboard.title',
  'wallboard.serviceLevel',
  'wallboard.noAgents',
  'wallboard.state.ready',
  'wallboard.state.ringing',
  'wallboard.state.talking',
  'wallboard.state.dialing',
  'wallboard.state.outbound',
  'wallboard.state.acw',
  'wallboard.state.break',
  'wallboard.state.offline',
  'wallboardPage.slTarget',
  'wallboardPage.longWaitAt',
  'wallboardPage.otherExits',
  'wallboardPage.answeredCount',
  'wallboardPage.moreAgents',
  'wallboardPage.slThreshold',
] as const satisfies readonly MessageKey[];

const DENIAL_MESSAGES: Record<Denial, MessageKey> = {
  missing: 'wallboardLink.denied.missing',
  invalid: 'wallboardLink.denied.missing',
  expired: 'wallboardLink.denied.expired',
  revoked: 'wallboardLink.denied.revoked',
  member_removed: 'wallboardLink.denied.memberRemoved',
};

/**
 * The wall-monitor page (docs/wallboard.md): `/wallboard` alternates the service and agent views every 5 s,
 * `/wallboard/services` and `/wallboard/agents` show one each; `/wallboard/data` is the JSON snapshot and
 * `/wallboard/events` the live stream (server-sent events, the API stream's format plus `ping` and `denied`).
 * Access only through a signed link (`?token=`, then a cookie); anything else is a 401 page that says why.
 */
export async function registerWallboardPages(
  app: FastifyInstance,
  usecases: Pick<UseCases, 'wallboardLinks' | 'live'>,
): Promise<void> {
  const { wallboardLinks, live } = usecases;
  const assets = loadAssets();
  const serviceCache = new Map<string, { doc: ServiceDoc; at: number }>();

  async function serviceFor(serviceId: string): Promise<ServiceDoc | undefined> {
    const cached = serviceCache.get(serviceId);
    if (cached && Date.now() - cached.at < SERVICE_CACHE_MS) return cached.doc;
    const doc = await wallboardLinks.serviceOfWallboardLink(serviceId);
    if (doc) serviceCache.set(serviceId, { doc, at: Date.now() });
    else serviceCache.delete(serviceId);
    return doc;
  }

  async function access(request: FastifyRequest): Promise<
    | {
        ok: true;
        /** The services the link shows, the link's own first; the page's language when none is asked for. */
        services: ServiceDoc[];
        locale: Locale;
        token: string;
        expiresAt: Date;
        fromQuery: boolean;
      }
    | { ok: false; reason: Denial }
  > {
    const query = querySchema.parse(request.query ?? {});
    const token = query.token ?? readCookie(request.headers.cookie, COOKIE);
    if (!token) return { ok: false, reason: 'missing' };
    const verified = await wallboardLinks.verifyWallboardToken(token);
    if ('error' in verified) return { ok: false, reason: verified.error };
    const scope = await wallboardLinks.wallboardPageScope(verified);
    if (!scope) return { ok: false, reason: 'invalid' };
    for (const service of scope.services) serviceCache.set(service._id, { doc: service, at: Date.now() });
    return {
      ok: true,
      services: scope.services,
      locale: query.lang ?? scope.locale,
      token,
      expiresAt: verified.expiresAt,
      fromQuery: query.token !== undefined,
    };
  }

  async function body(services: ServiceDoc[]) {
    const pages: WallboardPageService[] = [];
    for (const service of services) {
      const fresh = (await serviceFor(service._id)) ?? service;
      const snapshot = live.snapshot(fresh._id, fresh);
      if (!snapshot) continue;
      pages.push({
        ...snapshot,
        thresholds: {
          serviceLevelTargetPercent: fresh.settings.serviceLevelTargetPercent,
          longWaitWarningSeconds: fresh.settings.longWaitWarningSeconds,
        },
      });
    }
    return { generatedAt: new Date().toISOString(), services: pages };
  }

  function render(input: {
    mode: 'live' | 'denied';
    locale: Locale;
    view: View;
    title: string;
    serviceName: string;
    /** `tiles`: one service, figures as large tiles; `table`: several, one row per service. */
    layout: 'tiles' | 'table';
    /** Kept on the pop-out links (the language asked for); the token is not, the cookie carries it. */
    popOutQuery?: string;
    config: unknown;
    denial?: Denial;
  }): string {
    const both = (key: MessageKey) => ({ ko: translate('ko', key), en: translate('en', key) });
    const denied = both(DENIAL_MESSAGES[input.denial ?? 'missing']);
    const hint = both('wallboardLink.denied.hint');
    const values: Record<string, string> = {
      lang: input.locale,
      mode: input.mode,
      view: input.view === 'agents' ? 'agents' : 'services',
      rotate: input.view === 'rotate' ? 'true' : 'false',
      layout: input.layout,
      servicesHref: escapeHtml(`/wallboard/services${input.popOutQuery ?? ''}`),
      agentsHref: escapeHtml(`/wallboard/agents${input.popOutQuery ?? ''}`),
      title: escapeHtml(input.title),
      serviceName: escapeHtml(input.serviceName),
      cssHref: escapeHtml(assets.css.href),
      script:
        input.mode === 'live' ? `<script type="module" src="${escapeHtml(assets.js.href)}"></script>` : '',
      config: jsonForScript(input.config),
      deniedKo: escapeHtml(denied.ko),
      deniedEn: escapeHtml(denied.en),
      hintKo: escapeHtml(hint.ko),
      hintEn: escapeHtml(hint.en),
    };
    return assets.html
      .replace(/\{\{t:([\w.]+)\}\}/g, (_m, key: string) =>
        escapeHtml(translate(input.locale, key as MessageKey)),
      )
      .replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  }

  function deniedPage(reply: FastifyReply, reason: Denial) {
    const title = `${translate('ko', DENIAL_MESSAGES[reason])} / ${translate('en', DENIAL_MESSAGES[reason])}`;
    return reply
      .status(401)
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        render({
          mode: 'denied',
          locale: 'ko',
          view: 'services',
          title,
          serviceName: '',
          layout: 'tiles',
          config: {},
          denial: reason,
        }),
      );
  }

  function deniedJson(request: FastifyRequest, reply: FastifyReply, reason: Denial) {
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    return reply.status(401).send({
      error: { code: `link_${reason}`, message: translate(locale, DENIAL_MESSAGES[reason]) },
    });
  }

  await app.register(async (pages) => {
    pages.addHook('onSend', async (_request, reply, payload) => {
      reply.headers(SECURITY_HEADERS);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
    const open = streamRegistry(pages);

    const page = (view: View) => async (request: FastifyRequest, reply: FastifyReply) => {
      const granted = await access(request);
      if (!granted.ok) return deniedPage(reply, granted.reason);
      const { services, locale } = granted;
      const service = services[0]!;
      const combined = services.length > 1;
      const serviceName = combined
        ? translate(locale, 'wallboardPage.combinedName', { count: services.length })
        : service.name;
      if (granted.fromQuery) {
        const maxAge = Math.max(0, Math.floor((granted.expiresAt.getTime() - Date.now()) / 1000));
        const secure = request.protocol === 'https' ? '; Secure' : '';
        reply.header(
          'set-cookie',
          `${COOKIE}=${granted.token}; Path=/wallboard; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`,
        );
      }
      const labels = Object.fromEntries(SCRIPT_LABELS.map((key) => [key, translate(locale, key)]));
      return reply.header('content-type', 'text/html; charset=utf-8').send(
        render({
          mode: 'live',
          locale,
          view,
          title: translate(locale, 'wallboard.title', { name: serviceName }),
          serviceName,
          layout: combined ? 'table' : 'tiles',
          popOutQuery: querySchema.parse(request.query ?? {}).lang ? `?lang=${locale}` : '',
          config: {
            locale,
            view,
            rotateSeconds: ROTATE_SECONDS,
            timeZone: service.settings.timeZone,
            labels,
          },
        }),
      );
    };
    pages.get('/wallboard', page('rotate'));
    pages.get('/wallboard/services', page('services'));
    pages.get('/wallboard/agents', page('agents'));

    for (const asset of [assets.css, assets.js]) {
      pages.get(asset.href.split('?')[0]!, async (_request, reply) =>
        reply
          .header('content-type', `${asset.type}; charset=utf-8`)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(asset.body),
      );
    }

    pages.get('/wallboard/data', async (request, reply) => {
      const granted = await access(request);
      if (!granted.ok) return deniedJson(request, reply, granted.reason);
      return body(granted.services);
    });

    // A stream never ends, so HEAD (which Fastify adds for every GET) would hold the connection for ever.
    pages.get('/wallboard/events', { exposeHeadRoute: false }, async (request, reply) => {
      const granted = await access(request);
      if (!granted.ok) return deniedJson(request, reply, granted.reason);
      const { services, token } = granted;
      const stream = openEventStream(request, reply, open, {
        ...SECURITY_HEADERS,
        'cache-control': 'no-store, no-transform',
      });
      const write = stream.write;
      // One write at a time, in order: a snapshot computed earlier never lands after a newer one.
      let chain = Promise.resolve();
      const enqueue = (task: () => Promise<void>) => {
        chain = chain
          .then(task)
          .catch((error: unknown) => request.log.warn({ err: error }, 'wallboard page stream: push failed'));
      };
      const sendSnapshot = () =>
        enqueue(async () => write(`event: snapshot\ndata: ${JSON.stringify(await body(services))}\n\n`));
      // Browsers retry a dropped stream after this many milliseconds.
      write('retry: 3000\n\n');
      sendSnapshot();
      stream.onClose(
        onServiceChange(
          live,
          services.map((s) => s._id),
          sendSnapshot,
          PUSH_COALESCE_MS,
        ),
      );
      // The heartbeat is an event (not a comment) so the page can tell a silently dead connection from a quiet
      // day; it also re-checks the link, so a revoked or expired link closes an open wall screen within seconds.
      const heartbeat = setInterval(
        () =>
          enqueue(async () => {
            const check = await wallboardLinks.verifyWallboardToken(token);
            if ('error' in check) {
              write(`event: denied\ndata: ${JSON.stringify({ reason: check.error })}\n\n`);
              stream.close();
            } else write(`event: ping\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`);
          }),
        HEARTBEAT_MS,
      );
      stream.onClose(() => clearInterval(heartbeat));
    });
  });
}
