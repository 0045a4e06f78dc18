import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './credentials.js';

/** Conservative security headers for every response. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  );
  next();
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must come from our own origin. Requests authenticated by a
 * bearer token are not exposed to CSRF (a browser never attaches one on its own).
 */
export function csrfGuard(req: Request, _res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization || !req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return next();
  const origin = req.headers.origin ?? req.headers.referer;
  if (origin && new URL(origin).host !== req.headers.host) {
    throw new AppError(403, 'csrf', '请求来源不被允许');
  }
  if (!origin && req.headers['sec-fetch-site'] && req.headers['sec-fetch-site'] !== 'same-origin') {
    throw new AppError(403, 'csrf', '请求来源不被允许');
  }
  next();
}
