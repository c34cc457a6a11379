export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg className="topbar__logo" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <circle cx="12.5" cy="16" r="5" fill="#fff" />
      <circle cx="20" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.4" />
    </svg>
  );
}
