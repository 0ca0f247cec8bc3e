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

/**
 * Signed (HS256) tokens let every ingest process authenticate an evaluation without a database
 * query; the installation secret in Postgres is shared by all of them.
 */
export function createTokenService(
  secret: string,
  opts: { ttlSeconds?: number; now?: () => Date } = {},
): TokenService {
  const key = new TextEncoder().encode(secret);
  const ttl = opts.ttlSeconds ?? 30 * 24 * 3600;
  const now = opts.now ?? (() => new Date());
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
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now(),
        });
        const { org, lic, email, sub } = payload;
        if (typeof org !== 'string' || typeof lic !== 'string' || typeof email !== 'string' || !sub)
          return undefined;
        return { orgId: org, licenseId: lic, email, endpointId: sub };
      } catch {
        return undefined;
      }
    },
  };
}
