import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Turns every thrown error into `{error, message}`; unexpected ones are logged and hidden. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AppError) {
      res.set(err.headers).status(err.status).json({ error: err.code, message: err.message });
      return;
    }
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      res.status(400).json({ error: 'invalid', message: `请求内容有误：${issue?.path.join('.') || '正文'} ${issue?.message ?? ''}`.trim() });
      return;
    }
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      // body-parser errors: malformed JSON, too large, unsupported charset.
      res.status(status).json({ error: status === 413 ? 'too_large' : 'bad_request', message: status === 413 ? '请求内容过大' : '请求格式错误' });
      return;
    }
    log.error('http.error', { method: req.method, path: req.path, err: err as Error, stack: (err as Error)?.stack });
    res.status(500).json({ error: 'internal', message: '服务器内部错误，请稍后重试' });
  };
}
