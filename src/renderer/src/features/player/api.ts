import type { z } from 'zod';
import { api } from '../../api/client';
import type { packReadMethods } from '../../../../shared/contract/packs';
import type { progressPlayerMethods } from '../../../../shared/contract/progress';

/** The contract methods the player uses: lessons from the packs domain, attempts and position from progress. */
type PlayerMethods = typeof packReadMethods & typeof progressPlayerMethods;
type PlayerMethod = keyof PlayerMethods;

/** api.invoke narrowed to the player's methods (the same door, typed by their contract files). */
export const invokePlayer = api.invoke as unknown as <M extends PlayerMethod>(
  method: M,
  input: z.input<PlayerMethods[M]['input']>,
) => Promise<NonNullable<PlayerMethods[M]['result']>>;
