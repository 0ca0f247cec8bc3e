export { ApiError, ERROR_CODES, ErrorBody, installErrorHandler } from './errors.ts';
export type { ErrorCode } from './errors.ts';
export { registerOpenApi } from './openapi.ts';
export { registerHealthRoutes } from './health.ts';
export type { ReadinessCheck } from './health.ts';
export { closeConnectionsOnShutdown } from './graceful-close.ts';
