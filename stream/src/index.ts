export { createDiskStream, createLocalStream, createMemoryStream } from './local.ts';
export type { LocalStream, LocalStreamOptions, LocalStreamStats, MemoryStreamOptions } from './local.ts';
export { openDiskLogStore } from './disk-log-store.ts';
export { StreamFullError } from './log-store.ts';
export type { LogStore } from './log-store.ts';
export { createKafkaStream } from './kafka.ts';
export type { KafkaStreamOptions } from './kafka.ts';
export type * from './types.ts';
