import type { TFunction } from 'i18next';
import type { Curriculum } from '../../../../shared/pack';

/** "课程标准：信息安全 · 个人隐私保护；第一学段（1–2 年级）": a lesson's mapping in the teacher's words. */
export function curriculumLine(t: TFunction, curriculum: Curriculum): string {
  const strands = curriculum.strands.map((strand) => t(`curriculum.strand.${strand}`)).join(t('curriculum.separator'));
  return t('curriculum.line', { strands, band: t(`curriculum.band.${curriculum.gradeBand}`) });
}
