import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorBody } from './errors.ts';

/** Serves the OpenAPI document at `/docs/json` and a browsable UI at `/docs`. */
export async function registerOpenApi(
  app: FastifyInstance,
  info: { title: string; description: string; version: string; security?: 'bearer' | 'cookie' },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: info.title, description: info.description, version: info.version },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Extension token from /v1/extension/register',
          },
          cookie: { type: 'apiKey', in: 'cookie', name: 'kairro_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addSchema(ErrorBody);
}
