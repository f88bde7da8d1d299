import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/index.js';
import type { WallboardLinkDoc } from '../store/wallboard-links.js';
import type { ServiceDoc } from '../domain/services.js';
import type { Locale } from '../domain/service-settings.js';
import { pickLocale } from '../i18n/index.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
import { fail, ok, type Result } from './result.js';

/** A member's own link: long enough for a shift, short enough that a forwarded link soon stops working. */
export const SHORT_LINK_MS = 8 * 3_600_000;
/** A wall screen's link: set up once a year; stored, so an admin can revoke it before then. */
export const LONG_LINK_MS = 365 * 86_400_000;
const SECRET_NAME = 'wallboard-links';

export interface WallboardLink {
  token: string;
  /** Path and query of the page, e.g. `/wallboard?token=…`; surfaces prefix the public URL. */
  path: string;
  expiresAt: Date;
  /** Only for long-lived links: the id to revoke it by. */
  linkId?: string;
}

export type WallboardTokenError = 'invalid' | 'expired' | 'revoked' | 'member_removed';
export type VerifiedWallboardToken = {
  serviceId: string;
  expiresAt: Date;
  linkId?: string;
  memberId?: string;
};

const payloadSchema = z.object({
  s: z.string().min(1),
  e: z.number().int().positive(),
  l: z.string().min(1).optional(),
  /** The member a personal (short) link was issued to: it stops working once they leave the service. */
  m: z.string().min(1).optional(),
});

async function sign(store: Store, encodedPayload: string): Promise<Buffer> {
  const secret = await store.secrets.getOrCreate(SECRET_NAME);
  return createHmac('sha256', secret).update(encodedPayload, 'utf8').digest();
}

/**
 * The use cases take the service as a parameter; a member of another service is, for this service, a stranger
 * (and so is an API key of another service).
 */
function actorFor(actor: Actor | undefined, serviceId: string): Actor | undefined {
  if (actor?.kind === 'member' && actor.member.serviceId !== serviceId) return undefined;
  if (actor?.kind === 'apiKey' && actor.serviceId !== serviceId) return undefined;
  return actor;
}

/**
 * `/wallboard link`: a signed, expiring link to the wall page. Any member gets a short one for themselves; only an
 * admin may issue a long-lived one for a wall screen, which is recorded so it can be listed and revoked.
 */
export async function issueWallboardLink(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  options: {
    longLived?: boolean;
    label?: string;
    now?: Date;
  } = {},
): Promise<Result<WallboardLink>> {
  const scoped = actorFor(actor, serviceId);
  const refused = refusal(scoped, options.longLived ? 'wallboard.pin' : 'wallboard.view');
  if (refused) return fail(refused);
  const service = await store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });

  const now = options.now ?? new Date();
  // Whole seconds: the token carries epoch seconds, and expiresAt must say exactly what the token says.
  const expiresAt = new Date(
    Math.floor((now.getTime() + (options.longLived ? LONG_LINK_MS : SHORT_LINK_MS)) / 1000) * 1000,
  );
  let linkId: string | undefined;
  if (options.longLived) {
    const label = options.label?.trim().slice(0, 80) || null;
    const link = await store.wallboardLinks.create(
      { serviceId, label, createdBy: actorLabel(scoped), expiresAt },
      now,
    );
    linkId = link._id;
  }
  // A member's own link is theirs: it names them, so removing them from the service ends it too.
  const memberId = !options.longLived && scoped?.kind === 'member' ? scoped.member._id : undefined;
  const payload = Buffer.from(
    JSON.stringify({
      s: serviceId,
      e: expiresAt.getTime() / 1000,
      ...(linkId ? { l: linkId } : {}),
      ...(memberId ? { m: memberId } : {}),
    }),
    'utf8',
  ).toString('base64url');
  const token = `${payload}.${(await sign(store, payload)).toString('base64url')}`;
  // Who was given access, and until when: a link is a key to the figures.
  await store.audit.append({
    serviceId,
    surface: actorSurface(scoped),
    actor: actorLabel(scoped),
    action: options.longLived ? 'wallboard.longLinkIssued' : 'wallboard.linkIssued',
    target: linkId ?? null,
    details: { expiresAt: expiresAt.toISOString() },
  });
  return ok({ token, path: `/wallboard?token=${encodeURIComponent(token)}`, expiresAt, linkId });
}

/** The links that still open the page: neither revoked nor expired. */
export function activeWallboardLinks<L extends { revokedAt: Date | null; expiresAt: Date }>(
  links: readonly L[],
  now = new Date(),
): L[] {
  return links.filter((l) => !l.revokedAt && l.expiresAt > now);
}

/** Admins: revoke a long-lived link; wall screens using it show the "revoked" page within seconds. */
export async function revokeWallboardLink(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  linkId: string,
  now = new Date(),
): Promise<Result<WallboardLinkDoc>> {
  const scoped = actorFor(actor, serviceId);
  const refused = refusal(scoped, 'wallboard.pin');
  if (refused) return fail(refused);
  const revoked = await store.wallboardLinks.revoke(serviceId, linkId, now);
  if (!revoked) return fail({ code: 'not_found', message: 'wallboardLink.notFound', params: { id: linkId } });
  await store.audit.append({
    serviceId,
    surface: actorSurface(scoped),
    actor: actorLabel(scoped),
    action: 'wallboard.longLinkRevoked',
    target: linkId,
  });
  return ok(revoked);
}

/** Admins: the long-lived links of a service, newest first (revoked and expired ones included, marked by dates). */
export async function listWallboardLinks(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<WallboardLinkDoc[]>> {
  const refused = refusal(actorFor(actor, serviceId), 'wallboard.pin');
  if (refused) return fail(refused);
  return ok(await store.wallboardLinks.listByService(serviceId));
}

/**
 * Every request of the wall page: the token's signature, then its expiry, then whether it was revoked (long-lived
 * links) or its member has left the service (a member's own link). One read by `_id` at most.
 */
export async function verifyWallboardToken(
  store: Store,
  token: string,
  now = new Date(),
): Promise<VerifiedWallboardToken | { error: WallboardTokenError }> {
  const invalid = { error: 'invalid' } as const;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || token.length > 1024) return invalid;
  const given = Buffer.from(signature, 'base64url');
  const expected = await sign(store, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
  let claims: z.infer<typeof payloadSchema>;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return invalid;
    claims = parsed.data;
  } catch {
    return invalid;
  }
  const expiresAt = new Date(claims.e * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { error: 'expired' };
  if (claims.l) {
    const link = await store.wallboardLinks.get(claims.l);
    // A signed link id that is no longer stored can only have been removed on purpose: treat it as revoked.
    if (!link || link.serviceId !== claims.s || link.revokedAt) return { error: 'revoked' };
  }
  if (claims.m) {
    const member = await store.members.get(claims.m);
    if (!member || member.serviceId !== claims.s) return { error: 'member_removed' };
  }
  return {
    serviceId: claims.s,
    expiresAt,
    ...(claims.l ? { linkId: claims.l } : {}),
    ...(claims.m ? { memberId: claims.m } : {}),
  };
}

/**
 * The service a verified link shows, as stored now (its name, locale and thresholds), or undefined once it is
 * gone. Only for a service id taken from a verified token: the link is the permission.
 */
export async function serviceOfWallboardLink(
  store: Store,
  serviceId: string,
): Promise<ServiceDoc | undefined> {
  return store.services.get(serviceId);
}

/** What a verified link opens: the services it shows, in order, and the language of the page. */
export interface WallboardPageScope {
  services: ServiceDoc[];
  /** The language of the person a personal link names (their member record), else the first service's. */
  locale: Locale;
}

/**
 * The services and language of a verified link. A screen link (or an operator's) shows its one service in that
 * service's language. A member's own link shows every service the person belongs to (any member record sharing one
 * of their chat identities): the link's service first, the others by name, one row each on the page; and it
 * speaks the person's language. Undefined once the link's service is gone.
 */
export async function wallboardPageScope(
  store: Store,
  verified: Pick<VerifiedWallboardToken, 'serviceId' | 'memberId'>,
): Promise<WallboardPageScope | undefined> {
  const first = await store.services.get(verified.serviceId);
  if (!first) return undefined;
  const member = verified.memberId ? await store.members.get(verified.memberId) : undefined;
  if (!member) return { services: [first], locale: first.settings.locale };
  const serviceIds = new Set<string>();
  for (const identity of member.identities)
    for (const membership of await store.members.listByIdentity(identity))
      if (membership.serviceId !== first._id) serviceIds.add(membership.serviceId);
  const others = (await Promise.all([...serviceIds].map((id) => store.services.get(id))))
    .filter((s): s is ServiceDoc => s !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name, 'ko') || a._id.localeCompare(b._id));
  return {
    services: [first, ...others],
    locale: pickLocale(member.locale ?? undefined, first.settings.locale),
  };
}
