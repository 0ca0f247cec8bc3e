import { createHash } from 'node:crypto';

/**
 * The event id of a sighting, the same every time the extension sends it again: a UUIDv7 layout
 * whose 48-bit time is the sighting's own `occurredAt` (as sent, so a retry repeats it) and whose
 * other 74 bits come from SHA-256 of (org, endpoint, client id). The org and endpoint come from the
 * token, so a client can repeat only its own ids: another endpoint's or org's ids are out of reach.
 * The writer and the table collapse rows on this id.
 */
export function sightingEventId(
  ids: { orgId: string; endpointId: string; clientId: string },
  occurredAtMs: number,
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(['kairro.sighting.v1', ids.orgId, ids.endpointId, ids.clientId]))
    .digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.max(0, Math.trunc(occurredAtMs)) % 2 ** 48, 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
