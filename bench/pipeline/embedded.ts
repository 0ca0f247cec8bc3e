/** Part "embedded": evaluate → disk stream → ClickHouse writer → chDB, all in `kairro start`. */
import { measureThroughput } from './throughput.ts';
import { startEmbedded } from './shapes.ts';

export async function run(): Promise<void> {
  const shape = await startEmbedded();
  console.log(
    `  embedded shape: one \`kairro start\` process (ingest, api, pipelines, chDB, embedded Postgres)`,
  );
  await measureThroughput(shape);
}
