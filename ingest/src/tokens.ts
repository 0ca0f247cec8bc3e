import { jwtVerify, SignJWT } from 'jose';

/** What an extension token proves: this endpoint of this org registered with this license. */
export interface EndpointClaims {
  orgId: string;
  endpointId: string;
  licenseId: string;
  email: string;
}

const ISSUER = 'kairro-ingest';
const AUDIENCE = 'kairro-extension';

export interface TokenService {
  issue(claims: EndpointClaims): Promise<{ token: string; expiresAt: Date }>;
  /** Resolves the claims, or undefined when the token is malformed, forged or expired. */
  verify(token: string): Promise<EndpointClaims | undefined>;
}

/** Verified tokens kept per process; a browser profile sends the same token for 30 days. */
const DEFAULT_VERIFIED_CACHE = 50_000;

/**
 * Signed (HS256) tokens let every ingest process authenticate an evaluation without a database
 * query; the installation secret in Postgres is shared by all of them. A token that verified once
 * is remembered until it expires (the signature cannot change), which takes the HMAC off the hot
 * path: verifying was a fifth of an evaluation's CPU. Forged or malformed tokens are never cached.
 */
export function createTokenService(
  secret: string,
  opts: { ttlSeconds?: number; now?: () => Date; verifiedCacheSize?: number } = {},
): TokenService {
  const key = new TextEncoder().encode(secret);
  const ttl = opts.ttlSeconds ?? 30 * 24 * 3600;
  const now = opts.now ?? (() => new Date());
  const cacheSize = opts.verifiedCacheSize ?? DEFAULT_VERIFIED_CACHE;
  const verified = new Map<string, { claims: EndpointClaims; expiresAtMs: number }>();
  const remember = (token: string, claims: EndpointClaims, exp: number | undefined) => {
    if (cacheSize <= 0 || exp === undefined) return;
    // Oldest first out: Map iterates in insertion order.
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, { claims, expiresAtMs: exp * 1000 });
  };
  return {
    async issue(claims) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({ org: claims.orgId, lic: claims.licenseId, email: claims.email })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.endpointId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttl)
        .sign(key);
      return { token, expiresAt: new Date((issuedAt + ttl) * 1000) };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAtMs > now().getTime()) return known.claims;
        verified.delete(token);
        return undefined;
      }
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now(),
        });
        const { org, lic, email, sub, exp } = payload;
        if (typeof org !== 'string' || typeof lic !== 'string' || typeof email !== 'string' || !sub)
          return undefined;
        const claims = { orgId: org, licenseId: lic, email, endpointId: sub };
        remember(token, claims, exp);
        return claims;
      } catch {
        return undefined;
      }
    },
  };
}
