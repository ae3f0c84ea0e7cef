import { KiteError, type ErrorCode } from '../../shared/errors';
import { MESSAGES, fill, type Params } from '../../shared/messages';

/** A hub error whose English message is the catalogue's own sentence (the CLI prints it as it is), with its params as details. */
export function hubError(code: ErrorCode, params: Record<string, string | number> = {}, technical?: string): KiteError {
  const sentence = fill(MESSAGES.en.errors[code], params as Params);
  return new KiteError(code, technical ? `${sentence} (${technical})` : sentence, { details: params });
}
