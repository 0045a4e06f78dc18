import type { MemberDirectory } from '../../../shared/api.js';
import { AddMemberForm } from '../members/add-member-form.js';
import { MemberTable } from '../members/member-table.js';
import { canManageMembers, useSession } from '../session.js';
import { useApiData } from '../ui/use-api-data.js';
import { NotFoundPage } from './not-found-page.js';

export function MembersPage() {
  const { user } = useSession();
  if (!canManageMembers(user)) return <NotFoundPage message="只有管理员和校长可以管理成员" />;
  return <MembersDirectory />;
}

function MembersDirectory() {
  const { user: me, refresh } = useSession();
  const [directory, reloadDirectory, replaceDirectory] = useApiData<MemberDirectory>('/api/users');
  const [departments] = useApiData<{ departments: string[] }>('/api/departments');
  const departmentNames = departments.phase === 'ready' ? departments.data.departments : [];

  return (
    <section className="page">
      <header className="page-header">
        <h1>成员管理</h1>
        <p className="page-lead">添加同事、设定角色与部门，停用离职人员的账号，或为忘记密码的同事重置密码。</p>
      </header>
      {directory.phase === 'loading' && <p className="muted">正在加载…</p>}
      {directory.phase === 'failed' && <p className="form-error">{directory.failure.message}</p>}
      {directory.phase === 'ready' && (
        <>
          <MemberTable members={directory.data.users} currentUserId={me.id} departments={departmentNames}
            assignableRoles={directory.data.assignableRoles}
            onUpdated={(user) => {
              replaceDirectory({ ...directory.data, users: directory.data.users.map((member) => (member.id === user.id ? user : member)) });
              // The header shows the signed-in user's own name and department.
              if (user.id === me.id) void refresh();
            }} />
          <AddMemberForm departments={departmentNames} roles={directory.data.assignableRoles} onAdded={reloadDirectory} />
        </>
      )}
    </section>
  );
}
