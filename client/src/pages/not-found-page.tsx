import { Link } from '../router.js';

export function NotFoundPage({ message = '找不到这个页面' }: { message?: string }) {
  return (
    <div className="empty-state">
      <p>{message}</p>
      <Link href="/reports">返回报告列表</Link>
    </div>
  );
}
