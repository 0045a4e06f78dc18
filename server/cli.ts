import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../shared/roles.js';
import { Accounts } from './accounts/Accounts.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { EXPORT_USAGE, exportCommand } from './export/exportCommand.js';
import { reportReadiness } from './reports/reportReadiness.js';
import { openStore } from './storage/openStore.js';
import type { Store } from './storage/Store.js';

const USAGE = `共写 command line (works on DATABASE_URL when set, else DATA_DIR, default ./data)

  npm run cli -- user list [--org ORG]
  npm run cli -- user add --username NAME --name 显示名 --role ROLE [--department 部门] [--org ORG] [--password PW]
  npm run cli -- user disable USERNAME
  npm run cli -- user enable USERNAME
  npm run cli -- user reset-password USERNAME [--password PW]
  npm run cli -- org list
${EXPORT_USAGE}

ROLE is one of ${ROLES.join(', ')}. ORG is an organisation id or name; it may be left out when
there is only one. Without --password a random password is generated and printed once.
Changes apply to new logins and requests at once; sockets already open keep their rights until
they reconnect (disable through the web UI to close them immediately).`;

async function resolveOrg(store: Store, org: string | undefined): Promise<string> {
  const orgs = await store.orgs.list();
  if (org) {
    const found = orgs.find((o) => o.id === org || o.name === org);
    if (!found) throw new Error(`no organisation "${org}"`);
    return found.id;
  }
  if (orgs.length !== 1) throw new Error(`--org is required (organisations: ${orgs.map((o) => o.name).join(', ') || 'none'})`);
  return orgs[0]!.id;
}

async function userByName(store: Store, username: string | undefined) {
  if (!username) throw new Error('a USERNAME is required');
  const user = await store.users.getByUsername(username);
  if (!user) throw new Error(`no user "${username}"`);
  return user;
}

export async function runCli(argv: string[], store: Store, print: (line: string) => void): Promise<void> {
  if (argv[0] === 'export') {
    await exportCommand(store, argv.slice(1), { print, draftStatus: (id) => reportReadiness(store, id) });
    return;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
      department: { type: 'string' }, org: { type: 'string' }, password: { type: 'string' },
    },
  });
  const accounts = new Accounts(store, 0);
  const [noun, verb, target] = positionals;
  const command = `${noun ?? ''} ${verb ?? ''}`.trim();
  const newPassword = () => values.password ?? crypto.randomBytes(9).toString('base64url');

  switch (command) {
    case 'org list':
      for (const org of await store.orgs.list()) print(`${org.id}\t${org.name}\t${(await store.orgs.departments(org.id)).join('、')}`);
      return;
    case 'user list': {
      const orgId = await resolveOrg(store, values.org);
      for (const u of await accounts.listUsers(orgId)) {
        print([u.username, u.displayName, u.role, u.department ?? '-', u.disabled ? 'disabled' : 'active'].join('\t'));
      }
      return;
    }
    case 'user add': {
      if (!values.username || !values.name || !values.role) throw new Error('user add needs --username, --name and --role');
      if (!ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const password = newPassword();
      const user = await accounts.createUser({
        orgId: await resolveOrg(store, values.org), username: values.username, displayName: values.name,
        role: values.role as Role, department: values.department ?? null, password,
      });
      print(`added ${user.username} (${user.displayName}, ${user.role}${user.department ? `, ${user.department}` : ''})`);
      if (!values.password) print(`password: ${password}`);
      return;
    }
    case 'user disable':
    case 'user enable': {
      const user = await userByName(store, target);
      const disabled = verb === 'disable';
      await accounts.updateUser(user.id, { disabled });
      print(`${user.username} ${disabled ? 'disabled' : 'enabled'}`);
      return;
    }
    case 'user reset-password': {
      const user = await userByName(store, target);
      const password = newPassword();
      await accounts.resetPassword(user.id, password);
      print(`password of ${user.username} reset; existing sessions ended`);
      if (!values.password) print(`password: ${password}`);
      return;
    }
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

// Run only when executed directly (the tests import runCli).
if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes('--help')) {
    console.log(USAGE);
  } else {
    const store = await openStore(loadConfig());
    try {
      await runCli(argv, store, (line) => console.log(line));
    } catch (err) {
      console.error(err instanceof AppError || err instanceof Error ? `error: ${err.message}` : err);
      process.exitCode = 1;
    } finally {
      await store.close();
    }
  }
}
