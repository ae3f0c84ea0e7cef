import { useTranslation } from 'react-i18next';

/** The grade of a class (1–6), or none. */
export function GradeSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t('classes.grade')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('classes.noGrade')}</option>
        {[1, 2, 3, 4, 5, 6].map((g) => (
          <option key={g} value={g}>
            {t('classes.gradeN', { grade: g })}
          </option>
        ))}
      </select>
    </label>
  );
}
