import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';

export function shadowAiCatalogRoutes(app: FastifyInstance, deps: ApiDeps): void {
  void app;
  void deps;
}
