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

/**
 * The strands of the 2022 compulsory-education ICT curriculum standard (义务教育信息科技课程标准)
 * a lesson can map to. "security.*" are the parts of its information-security thread.
 */
export const CURRICULUM_STRANDS = [
  'security.etiquette', // 信息安全 · 文明礼仪
  'security.conduct', // 信息安全 · 行为规范
  'security.law', // 信息安全 · 依法依规
  'security.privacy', // 信息安全 · 个人隐私保护
  'security.outlook', // 信息安全 · 安全观
  'digital-identity', // 数字身份
  'data', // 数据
  'algorithms', // 算法
  'network', // 网络
  'information-processing', // 信息处理
  'ai', // 人工智能
] as const;
export const CurriculumStrand = z.enum(CURRICULUM_STRANDS);
export type CurriculumStrand = z.infer<typeof CurriculumStrand>;

/** The standard's grade bands (学段): 1–2, 3–4, 5–6. */
export const CURRICULUM_GRADE_BANDS = ['1-2', '3-4', '5-6'] as const;

/**
 * Where a lesson sits in a curriculum standard. `cn-ict-2022` is the 2022 义务教育信息科技课程标准;
 * optional in the schema (other publishers' packs stay valid), required for built-in lessons.
 */
export const Curriculum = z
  .object({
    standard: z.literal('cn-ict-2022'),
    gradeBand: z.enum(CURRICULUM_GRADE_BANDS),
    strands: z
      .array(CurriculumStrand)
      .min(1)
      .refine((s) => new Set(s).size === s.length, 'strands must not repeat')
      .meta({ uniqueItems: true }),
  })
  .strict();
export type Curriculum = z.infer<typeof Curriculum>;

/**
 * The family card (家庭小卡片) a pupil takes home at the end of a lesson: one rule to remember, in a
 * child's words, and one thing to do at home with a parent.
 */
export const FamilyCard = z
  .object({
    rule: LocalizedText,
    atHome: LocalizedText,
    picture: ImageRef.optional(),
  })
  .strict();
export type FamilyCard = z.infer<typeof FamilyCard>;

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
    curriculum: Curriculum.optional(),
    familyCard: FamilyCard.optional(),
    steps: z.array(Step).min(1).max(40),
  })
  .strict();
export type Lesson = z.infer<typeof Lesson>;
