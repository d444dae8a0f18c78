import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built dashboard (index.html at `/`) when `dir` holds a build; otherwise `/` explains
 * how to make one. Missing files fall through to the JSON 404 handler.
 */
export async function registerDashboard(app: FastifyInstance, dir: string): Promise<void> {
  if (existsSync(join(dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: dir, index: 'index.html', wildcard: true });
    return;
  }
  app.get('/', (_request, reply) => {
    void reply
      .type('text/plain; charset=utf-8')
      .send(`The Detent dashboard is not built (looked in ${dir}). Run \`npm run build\`, then reload.\n`);
  });
}
