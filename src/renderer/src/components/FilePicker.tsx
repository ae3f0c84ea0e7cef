import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Choosing a file, in the app's language: a hidden <input type=file> (whose own button
 * speaks the browser's language, "Choose File") behind our labelled button, with the chosen
 * file's name beside it. `fileName` overrides the name shown (e.g. cleared after an import).
 */
export function FilePicker({
  label,
  accept,
  onFile,
  fileName,
  disabled,
  primary,
}: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  fileName?: string | null;
  disabled?: boolean;
  primary?: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<string>();
  const nameId = useId();
  const shown = fileName === undefined ? picked : (fileName ?? undefined);
  return (
    <div className="file-picker">
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that picking the same file again (after fixing it) is seen as a new choice.
          e.target.value = '';
          if (!file) return;
          setPicked(file.name);
          onFile(file);
        }}
      />
      <button type="button" className={primary ? 'primary' : 'secondary'} disabled={disabled} aria-describedby={nameId} onClick={() => input.current?.click()}>
        {label}
      </button>
      <span id={nameId} className={`file-picker-name${shown ? '' : ' muted'}`}>
        {shown ?? t('files.noneChosen')}
      </span>
    </div>
  );
}
