import { z } from 'zod';
import { Settings, SettingsPatch, Language } from './settings';

/**
 * The contract: every method the UI may call, its input schema, its result type and the role it
 * needs; and every event the UI may receive. Both hosts and the renderer's client are generic
 * over it: adding a method means adding it here and to the handler map, nothing else.
 */
export type Role = 'pupil' | 'teacher';

export interface MethodSpec<I extends z.ZodType, R> {
  role: Role;
  input: I;
  /** Phantom: carries the result type; never read at run time. */
  result?: R;
}

function method<R>() {
  return <I extends z.ZodType>(role: Role, input: I): MethodSpec<I, R> => ({ role, input });
}

const NoInput = z.object({}).strict().default({});

export interface Health {
  ok: boolean;
  appVersion: string;
  dataDir: string;
  dbSchemaVersion: number;
  startedAt: string;
  /** Problems found at start that a teacher or IT staff should know about (e.g. a corrupt settings file set aside). */
  warnings: string[];
}

export interface HomeSummary {
  schoolName: string;
  classroomName: string;
  lessons: { packs: number; lessons: number };
  media: { videos: number; photos: number };
  demos: { available: number };
}

export interface SessionInfo {
  role: Role;
  pinSet: boolean;
  /** Seconds until the PIN lock ends; 0 when not locked. */
  lockedForSeconds: number;
}

const Pin = z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits');

export const contract = {
  'app.health': method<Health>()('pupil', NoInput),
  'home.summary': method<HomeSummary>()('pupil', NoInput),
  'settings.get': method<Settings>()('pupil', NoInput),
  'settings.update': method<Settings>()('teacher', SettingsPatch),
  'settings.setLanguage': method<Settings>()('pupil', z.object({ language: Language }).strict()),
  'auth.session': method<SessionInfo>()('pupil', NoInput),
  'auth.setPin': method<SessionInfo>()('pupil', z.object({ pin: Pin }).strict()),
  'auth.changePin': method<SessionInfo>()('teacher', z.object({ currentPin: Pin, newPin: Pin }).strict()),
  'auth.teacherSignIn': method<SessionInfo>()('pupil', z.object({ pin: z.string().max(16) }).strict()),
  'auth.signOut': method<SessionInfo>()('pupil', NoInput),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type ResultOf<M extends MethodName> = NonNullable<Contract[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the hosts push to the UI (Electron IPC or Server-Sent Events). */
export const events = {
  'settings.changed': Settings,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
