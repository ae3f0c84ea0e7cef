/** The teacher's choice of class, the same wherever a screen works on one class. */
export function ClassSelect({ label, classes, value, onChange, disabled, className = 'field' }: {
  label: string;
  classes: readonly { id: string; name: string }[];
  value: string | undefined;
  onChange: (classId: string) => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <label className={className}>
      <span>{label}</span>
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
