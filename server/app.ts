import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Accounts } from './accounts/Accounts.js';
import { CollabServer } from './collab/CollabServer.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/createHttpApp.js';
import { Logger } from './logger.js';
import { ReportBuilder } from './reports/ReportBuilder.js';
import { Reports } from './reports/Reports.js';
import { SectionManager } from './reports/SectionManager.js';
import { Comments } from './review/Comments.js';
import { ReportEvents } from './review/ReportEvents.js';
import { Versions } from './review/Versions.js';
import { Workflow } from './review/Workflow.js';
import { InstanceEventRelay } from './scale/InstanceEventRelay.js';
import { LocalOnlyRelay, type RoomRelay } from './scale/RoomRelay.js';
import { RedisStreamRelay } from './scale/RedisStreamRelay.js';
import { openStore } from './storage/openStore.js';
import type { Store } from './storage/Store.js';

/** The composition root: config → storage → services → HTTP + collaboration on one port. */
export class GongxieServer {
  readonly log: Logger;
  readonly store: Store;
  readonly accounts: Accounts;
  readonly reports: Reports;
  readonly collab: CollabServer;
  readonly versions: Versions;
  readonly comments: Comments;
  readonly workflow: Workflow;
  private readonly http: http.Server;

  /** Opens the configured store and builds the server on it. */
  static async open(config: Config, log = new Logger(config.logLevel)): Promise<GongxieServer> {
    if (config.redisUrl && !config.databaseUrl) throw new Error('REDIS_URL needs DATABASE_URL: instances must share one store');
    const relay = config.redisUrl ? new RedisStreamRelay(config.redisUrl, log, config.redisStreamLength) : new LocalOnlyRelay();
    const server = new GongxieServer(config, await openStore(config), relay, log);
    await new InstanceEventRelay(server.accounts, server.collab, relay, log).start();
    return server;
  }

  private constructor(readonly config: Config, store: Store, private readonly relay: RoomRelay, log: Logger) {
    this.log = log;
    this.store = store;
    this.accounts = new Accounts(this.store, config.sessionTtlMs);
    this.reports = new Reports(this.store);
    this.collab = new CollabServer(this.accounts, this.reports, this.store.documents, config, relay, log);
    const events = new ReportEvents(this.collab);
    this.versions = new Versions(this.store, this.reports, this.collab, events, log);
    this.comments = new Comments(this.store, this.reports, this.collab, events);
    this.workflow = new Workflow(this.store, this.reports, this.versions, this.comments, events);
    const builder = new ReportBuilder(this.store);
    const sections = new SectionManager(this.store, events);
    this.collab.onBeforeUnload((room) => this.versions.beforeUnload(room));
    this.versions.startAutoSnapshots(config.autoVersionMs);
    const app = createHttpApp({
      ...config, store: this.store, accounts: this.accounts, reports: this.reports, log,
      workflow: this.workflow, versions: this.versions, comments: this.comments, builder, sections,
      collabStats: () => ({ rooms: this.collab.loadedRoomCount, connections: this.collab.connectionCount() }),
    });
    this.http = http.createServer(app);
    this.http.on('upgrade', (req, socket, head) => this.collab.handleUpgrade(req, socket, head));
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.config.port, this.config.host, resolve);
    });
    const address = this.http.address() as AddressInfo;
    this.log.info('server.listening', { host: address.address, port: address.port, dataDir: this.config.dataDir });
    return address;
  }

  /** Stops accepting, closes every socket with a reason, flushes and compacts, closes the store. */
  async close(): Promise<void> {
    const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.versions.stop();
    await this.collab.close();
    this.http.closeAllConnections();
    await httpClosed;
    await this.relay.close();
    await this.store.close();
    this.log.info('server.stopped');
  }
}
