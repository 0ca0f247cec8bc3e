export { createMemoryStream } from './memory.ts';
export type { MemoryStreamOptions } from './memory.ts';
export { createKafkaStream } from './kafka.ts';
export type { KafkaStreamOptions } from './kafka.ts';
export type * from './types.ts';
