import { z } from 'zod';
import { Id, ImageRef, LocalizedText } from './text';
import { Step } from './steps';

export const GradeBand = z
  .object({ from: z.number().int().min(1).max(6), to: z.number().int().min(1).max(6) })
  .strict()
  .refine((g) => g.from <= g.to, 'from must not be above to');
export type GradeBand = z.infer<typeof GradeBand>;

/** The teacher's page for a lesson: goal, key message, a question to discuss, a class plan. */
export const TeacherNotes = z
  .object({
    goal: LocalizedText,
    keyMessage: LocalizedText,
    discussion: LocalizedText,
    plan: z.array(z.object({ minutes: z.number().int().min(1).max(40), activity: LocalizedText }).strict()).min(1).max(10),
  })
  .strict();

/** One lesson file (lessons/<id>.json): ordered steps and the teacher's notes. */
export const Lesson = z
  .object({
    format: z.literal(1),
    id: Id,
    title: LocalizedText,
    summary: LocalizedText.optional(),
    grades: GradeBand,
    minutes: z.number().int().min(5).max(60),
    cover: ImageRef.optional(),
    teacher: TeacherNotes.optional(),
    steps: z.array(Step).min(1).max(40),
  })
  .strict();
export type Lesson = z.infer<typeof Lesson>;
