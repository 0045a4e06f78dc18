import { loadConfig } from './config.js';
import { GongxieServer } from './app.js';
import { seedDemoIfEmpty } from './demo/seedDemo.js';

const server = await GongxieServer.open(loadConfig());
const { generatedPassword } = await seedDemoIfEmpty(server, server.config.demoPassword);
if (generatedPassword) {
  // Printed once, on the first start only: the store keeps only its hash.
  process.stdout.write(`\n演示账号 principal / zonghe / xuesheng / jiaoxue / houqin 的初始密码：${generatedPassword}\n\n`);
}
await server.listen();

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.log.info('server.stopping', { signal });
    server.close().then(() => process.exit(0), (err) => {
      server.log.error('server.stop_failed', { err });
      process.exit(1);
    });
  });
}
