export { buildApiApp } from './app.ts';
export type { ApiDeps } from './deps.ts';
export { hashPassword, verifyPassword, randomPassword } from './auth/password.ts';
export { startLiveHub } from './live/hub.ts';
export type { LiveHub } from './live/hub.ts';
