// A card section of a detail page: its heading names the section for screen readers, and an
// optional intro says what the section shows. `section` marks it for the browser tests.
import { useId, type ReactNode } from 'react';

export function Section({
  title,
  intro,
  section,
  children,
}: {
  title: string;
  intro?: ReactNode;
  section?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-section={section}>
      <h2 id={headingId}>{title}</h2>
      {intro !== undefined && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}
