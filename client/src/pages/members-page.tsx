import { AddMemberForm } from '../members/add-member-form.js';
import type { Member } from '../members/member.js';
import { MemberTable } from '../members/member-table.js';
import { canManageMembers, useSession } from '../session.js';
import { useApiData } from '../ui/use-api-data.js';
import { NotFoundPage } from './not-found-page.js';

export function MembersPage() {
  const { user } = useSession();
  if (!canManageMembers(user)) return <NotFoundPage message="只有管理员和校长可以管理成员" />;
  return <MembersDirectory currentUserId={user.id} />;
}

function MembersDirectory({ currentUserId }: { currentUserId: string }) {
  const [members, reloadMembers, replaceMembers] = useApiData<{ users: Member[] }>('/api/users');
  const [departments] = useApiData<{ departments: string[] }>('/api/departments');
  const departmentNames = departments.phase === 'ready' ? departments.data.departments : [];

  return (
    <section className="page">
      <header className="page-header">
        <h1>成员管理</h1>
        <p className="page-lead">添加同事、设定角色与部门，停用离职人员的账号，或为忘记密码的同事重置密码。</p>
      </header>
      {members.phase === 'loading' && <p className="muted">正在加载…</p>}
      {members.phase === 'failed' && <p className="form-error">{members.failure.message}</p>}
      {members.phase === 'ready' && (
        <MemberTable members={members.data.users} currentUserId={currentUserId} departments={departmentNames}
          onUpdated={(user) => replaceMembers({ users: members.data.users.map((member) => (member.id === user.id ? user : member)) })} />
      )}
      <AddMemberForm departments={departmentNames} onAdded={reloadMembers} />
    </section>
  );
}
