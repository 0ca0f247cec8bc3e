/**
 * Part "inserts": what one ClickHouse insert costs by batch size, with the real schema (every
 * materialized view): ingest-shaped events and their DLP matches into a chDB of our own. The writer
 * inserts each batch the stream hands it, so this is its ceiling for a given batch size.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClickHouse, migrateClickHouse } from '@kairro/clickhouse';
import { onCleanup, removeAtCleanup } from './cleanup.ts';
import { fmt } from './stats.ts';
import { syntheticEvent } from './synthetic.ts';

const ORG = '0195a3c2-0000-7000-8000-00000000b3c4';

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kairro-bench-inserts-'));
  removeAtCleanup(dir);
  const { client: ch, close } = await connectClickHouse({ kind: 'embedded', path: dir, database: 'kairro' });
  onCleanup('close chDB', close);
  await migrateClickHouse(ch);
  console.log('  rows per insert   events/s (each with ≈0.4 DLP matches, inserted alongside)');
  let n = 0;
  for (const size of [50, 250, 1_000, 5_000, 20_000]) {
    const total = Math.max(20_000, size * 4);
    const t0 = performance.now();
    for (let i = 0; i < total; i += size) {
      const batch = Array.from({ length: size }, () => syntheticEvent(ORG, n++));
      await ch.insert({ table: 'events', values: batch.map((b) => b.event), format: 'JSONEachRow' });
      const matches = batch.flatMap((b) => b.matches);
      if (matches.length) await ch.insert({ table: 'dlp_matches', values: matches, format: 'JSONEachRow' });
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  ${fmt(size).padStart(15)}   ${fmt(total / seconds).padStart(8)}`);
  }
}
