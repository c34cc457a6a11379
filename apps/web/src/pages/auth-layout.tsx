import type { ReactNode } from 'react';
import { Logo } from '../ui/logo';

/** The frame of the signed-out pages: a centred card on the canvas background. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="auth">
      <div className="auth__card">
        <div className="auth__brand">
          <Logo size={30} />
          <span className="auth__product">Tandem</span>
        </div>
        <h1 className="auth__title">{title}</h1>
        {subtitle && <p className="auth__subtitle">{subtitle}</p>}
        {children}
      </div>
      {footer && <div className="auth__footer">{footer}</div>}
    </div>
  );
}
