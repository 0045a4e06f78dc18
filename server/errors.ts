/** An error a person can act on: an HTTP status, a stable code and a message in Chinese. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = () => new AppError(404, 'not_found', '找不到该内容，或您无权查看');
export const forbidden = () => new AppError(403, 'forbidden', '您没有权限执行此操作');
export const unauthenticated = () => new AppError(401, 'unauthenticated', '请先登录');
export const invalid = (message: string) => new AppError(400, 'invalid', message);
