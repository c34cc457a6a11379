import type { Role } from '../../trpc/client';

export const ROLES: readonly Role[] = ['viewer', 'editor', 'owner'];

export const ROLE_HELP: Record<Role, string> = {
  viewer: 'can open workflows and comment',
  editor: 'can edit, run and import workflows',
  owner: 'manages members, keys and credentials',
};

export function RoleSelect({
  value,
  onChange,
  label,
  disabled = false,
}: {
  value: Role;
  onChange: (role: Role) => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <select
      className="input select"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => {
        const role = ROLES.find((candidate) => candidate === event.target.value);
        if (role) onChange(role);
      }}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role[0]?.toUpperCase()}
          {role.slice(1)}
        </option>
      ))}
    </select>
  );
}
