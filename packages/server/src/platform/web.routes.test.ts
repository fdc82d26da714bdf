import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandling } from './errors';
import { registerMissingWebNotice } from './web.routes';

describe('a server started without a built console', () => {
  it('answers / with console_not_built and the command that builds it', async () => {
    const app = Fastify();
    installErrorHandling(app);
    registerMissingWebNotice(app);
    const answer = await app.inject({ method: 'GET', url: '/' });
    expect(answer.statusCode).toBe(503);
    const body = answer.json<{ code: string; message: string }>();
    expect(body.code).toBe('console_not_built');
    expect(body.message).toContain('npm run build');
    // Only `/` explains itself; other paths keep the ordinary 404.
    expect((await app.inject({ method: 'GET', url: '/customers' })).statusCode).toBe(404);
    await app.close();
  });
});
