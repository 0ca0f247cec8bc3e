export { buildApiApp } from './app.ts';
export type { ApiDeps } from './deps.ts';
export { hashPassword, verifyPassword, randomPassword } from './auth/password.ts';
