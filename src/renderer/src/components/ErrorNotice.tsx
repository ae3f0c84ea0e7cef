import type { ReactNode } from 'react';

/** Something went wrong: one alert (read out by screen readers, found by role in tests), styled as an error notice. */
export function ErrorNotice({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="notice error">
      {children}
    </p>
  );
}
