import type { ApiError } from '../../../shared/api.js';
import type { ImportedReport } from '../../../shared/reportAdmin.js';
import { ApiFailure } from '../api.js';

/** POST /api/reports/import with the file as multipart/form-data (docs/API.md). */
export async function uploadReport(file: File): Promise<ImportedReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/reports/import', { method: 'POST', credentials: 'same-origin', body: form });
  } catch {
    throw new ApiFailure(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = payload as Partial<ApiError> | null;
    throw new ApiFailure(response.status, error?.error ?? 'unknown', error?.message ?? `服务器错误（${response.status}）`);
  }
  return payload as ImportedReport;
}
