/**
 * Child process for the disk stream's crash test: publishes numbered records to a disk stream in
 * `argv[2]` as fast as it can and prints the highest number acknowledged, until it is killed.
 */
import { createDiskStream } from '../local.ts';

const stream = createDiskStream({ dir: process.argv[2]!, logger: { warn() {}, error() {} } });
let next = 0;
for (;;) {
  const batch = Array.from({ length: 1 + (next % 7) }, (_, i) => ({ key: 'k', value: { n: next + i } }));
  await stream.publish('t', batch);
  next += batch.length;
  process.stdout.write(`${next}\n`);
}
