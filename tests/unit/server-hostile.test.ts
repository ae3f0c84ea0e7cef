import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attempt } from '../support/progress';
import { post, startTestServer } from '../support/server';

/** Hostile requests to the browser host: each gets a 4xx with a code, never a 5xx or a stack, and nothing is logged as a crash. */
describe('the browser host under hostile requests', () => {
  const logText = (dataDir: string) => {
    const file = path.join(dataDir, 'logs', 'kite.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };

  it('answers an answer nested 10,000 arrays deep with 400, from any session', async () => {
    const { base, core } = await startTestServer();
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const body = JSON.stringify(attempt('q1', true)).replace('{"chosen":["a"]}', deep);
    const res = await post(base, 'attempts.record', body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/answer: .*deep/) } });
    expect(res.text).not.toMatch(/\n\s+at /);
    expect(logText(core.layout.root)).not.toMatch(/unexpected error|Maximum call stack/);
  });

  it('answers broken percent-encoding in the API path with 400', async () => {
    const { base, core } = await startTestServer();
    for (const method of ['%', '%E0%A4%A', 'app.health%']) {
      const res = await post(base, method, '{}');
      expect(res.status, method).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(logText(core.layout.root)).not.toMatch(/request failed/);
  });
});
