import { ROLE_LABELS, type Role } from '../../../shared/roles.js';

interface Props {
  role: Role;
  /** The roles on offer: those the signed-in user may give (docs/API.md, Members). */
  roles: readonly Role[];
  /** '' stands for 「（无）」, no department. */
  department: string;
  departments: string[];
  /** Nobody may change their own role (docs/API.md, Members). */
  roleLocked?: boolean;
  onChange(patch: { role?: Role; department?: string }): void;
}

/** The 角色 and 部门 choices of the member forms. */
export function RoleDepartmentFields({ role, roles, department, departments, roleLocked = false, onChange }: Props) {
  return (
    <>
      <label className="field">
        <span className="field-label">角色</span>
        <select name="role" value={role} disabled={roleLocked} title={roleLocked ? '不能修改自己的角色' : undefined}
          onChange={(e) => onChange({ role: e.target.value as Role })}>
          {roles.map((choice) => <option key={choice} value={choice}>{ROLE_LABELS[choice]}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field-label">部门</span>
        <select name="department" value={department} onChange={(e) => onChange({ department: e.target.value })}>
          <option value="">（无）</option>
          {departments.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
    </>
  );
}
