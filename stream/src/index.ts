export { createMemoryStream } from './memory.ts';
export type { MemoryStreamOptions } from './memory.ts';
export type * from './types.ts';
