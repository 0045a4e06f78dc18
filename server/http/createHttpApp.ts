import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Accounts } from '../accounts/Accounts.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ReportBuilder } from '../reports/ReportBuilder.js';
import type { Reports } from '../reports/Reports.js';
import type { SectionManager } from '../reports/SectionManager.js';
import type { Comments } from '../review/Comments.js';
import type { Versions } from '../review/Versions.js';
import type { Workflow } from '../review/Workflow.js';
import type { Store } from '../storage/Store.js';
import { exportRoutes } from '../export/exportRoute.js';
import { reportReadiness } from '../reports/reportReadiness.js';
import { errorHandler } from './errorHandler.js';
import { checkRoutes } from './routes/checks.js';
import { departmentRoutes } from './routes/departments.js';
import { commentRoutes } from './routes/comments.js';
import { inboxRoutes } from './routes/inbox.js';
import { memberRoutes } from './routes/members.js';
import { reviewRoutes } from './routes/review.js';
import { reportAdminRoutes } from './routes/reportAdmin.js';
import { reportRoutes } from './routes/reports.js';
import { sessionRoutes } from './routes/session.js';
import { csrfGuard, securityHeaders } from './security.js';

export interface HttpDeps {
  store: Store;
  accounts: Accounts;
  reports: Reports;
  builder: ReportBuilder;
  sections: SectionManager;
  workflow: Workflow;
  versions: Versions;
  comments: Comments;
  log: Logger;
  clientDir: string;
  /** Loaded rooms and open connections, for operators and the benchmark. */
  collabStats: () => { rooms: number; connections: number };
  secureCookies: boolean;
  sessionTtlMs: number;
  /** Behind a load balancer, whose X-Forwarded-For gives the client's address (see Config). */
  trustProxy: number | string | undefined;
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The login throttle counts failures per client address: behind a proxy every request would
  // otherwise come from the proxy's, and a few wrong passwords would lock out everyone.
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    const open = deps.store.isOpen();
    res.status(open ? 200 : 503).json({ status: open ? 'ok' : 'unavailable', ...deps.collabStats() });
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(csrfGuard);
  api.use('/session', sessionRoutes(deps.accounts, deps));
  api.use('/reports', exportRoutes({ store: deps.store, accounts: deps.accounts, draftStatus: (id) => reportReadiness(deps.store, id) }));
  api.use('/reports', reportRoutes(deps.accounts, deps.reports));
  api.use('/reports', reportAdminRoutes(deps));
  api.use('/reports', checkRoutes(deps.accounts, deps.store));
  api.use('/users', memberRoutes(deps.accounts, deps.store));
  api.use('/departments', departmentRoutes(deps.accounts, deps.store));
  api.use(reviewRoutes(deps.accounts, deps.workflow, deps.versions));
  api.use(commentRoutes(deps.accounts, deps.comments));
  api.use(inboxRoutes(deps.accounts, deps.reports, deps.comments));
  api.use(() => {
    throw new AppError(404, 'not_found', '接口不存在');
  });
  app.use('/api', api);

  const indexHtml = path.join(deps.clientDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(deps.clientDir, { index: false }));
    // Client-side routes (/reports/…, /login) all load the app shell.
    app.get('/{*splat}', (_req, res) => res.sendFile(indexHtml));
  } else {
    deps.log.warn('http.client_missing', { clientDir: deps.clientDir, hint: 'run `npm run build`' });
  }

  app.use(errorHandler(deps.log));
  return app;
}
