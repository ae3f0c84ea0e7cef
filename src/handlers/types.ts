import type { Session } from '../core/auth/sessions';
import type { MethodName, ParsedInputOf, ResultOf } from '../shared/contract';

export interface CallContext {
  session: Session;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
export type HandlerMap = { [M in MethodName]: Handler<M> };
/** The handlers of one domain: exactly the methods of its contract file. */
export type DomainHandlers<Methods> = { [M in keyof Methods & MethodName]: Handler<M> };
