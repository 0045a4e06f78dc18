import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

/** One JSON line per event on stdout, e.g. {"t":…,"level":"info","event":"ws.open","room":…,"user":…}. */
export class Logger {
  constructor(
    private readonly level: LogLevel,
    private readonly base: LogFields = {},
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  child(fields: LogFields): Logger {
    return new Logger(this.level, { ...this.base, ...fields }, this.write);
  }

  debug(event: string, fields?: LogFields) { this.log('debug', event, fields); }
  info(event: string, fields?: LogFields) { this.log('info', event, fields); }
  warn(event: string, fields?: LogFields) { this.log('warn', event, fields); }
  error(event: string, fields?: LogFields) { this.log('error', event, fields); }

  private log(level: LogLevel, event: string, fields?: LogFields) {
    if (ORDER[level] < ORDER[this.level]) return;
    const line = { t: new Date().toISOString(), level, event, ...this.base, ...fields };
    this.write(JSON.stringify(line, (_key, value) => (value instanceof Error ? value.message : value)));
  }
}
