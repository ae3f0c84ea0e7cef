import { z } from 'zod';
import type { Core } from '../core';
import { contract, isMethodName, roleAllows, type MethodName } from '../shared/contract';
import { KiteError, type Envelope } from '../shared/errors';
import { createHandlers, type CallContext, type Handler } from './index';

export type Dispatch = (method: string, rawInput: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

/**
 * The one entry point both hosts call: known method, valid input, sufficient role, then the
 * handler. Every failure becomes an error envelope with a stable code; nothing leaks a stack.
 */
export function createDispatcher(core: Core): Dispatch {
  const handlers = createHandlers(core);

  return async (method, rawInput, ctx) => {
    try {
      core.sessions.touch(ctx.session);
      if (!isMethodName(method)) throw new KiteError('unknown_method', `There is no method called "${method}".`);
      const spec = contract[method];
      if (!roleAllows(spec.role, ctx.session.role)) {
        throw new KiteError('forbidden', 'This needs the teacher to sign in with the PIN.');
      }
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      const handler = handlers[method] as Handler<MethodName>;
      const result = await handler(parsed.data as never, ctx);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof KiteError) return { ok: false, error: error.toPayload() };
      core.log.error('unexpected error in handler', { method, error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app. The details are in the log.' } };
    }
  };
}

export function invalidInput(error: z.ZodError): KiteError {
  const issues = error.issues.map((issue) => ({ path: '/' + issue.path.map(String).join('/'), message: issue.message }));
  return new KiteError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
