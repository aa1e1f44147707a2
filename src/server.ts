import { serve } from '@hono/node-server';
import { startTsunagu } from './bootstrap';
import { loadConfig } from './config';
import { PlanFileError } from './modules/plan/plan-file';

const started = performance.now();
try {
  const config = loadConfig();
  const tsunagu = await startTsunagu(config);
  const server = serve({ fetch: tsunagu.app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://localhost:${info.port}`;
    console.log(
      `つなぐ Tsunagu is serving ${url} (${tsunagu.database.kind}, ${Math.round(performance.now() - started)} ms)`,
    );
    for (const plan of tsunagu.plans.plans)
      console.log(`  plan: ${plan.file.title} (${plan.municipalityCode})`);
    const mail = tsunagu.mail.transport;
    console.log(`  mail: ${mail.kind === 'smtp' ? `SMTP ${mail.target}` : `written to ${mail.target}`}`);
    if (tsunagu.demoAccounts.length > 0) {
      console.log('  demo accounts (架空のサンプルデータ):');
      for (const a of tsunagu.demoAccounts)
        console.log(`    ${a.role.padEnd(12)} ${a.email}  / ${a.password}`);
    }
  });
  tsunagu.jobs.start();
  void tsunagu.demoActivity.then(({ events, consultations, businesses }) => {
    if (events + consultations + businesses > 0)
      console.log(
        `  demo (架空のサンプルデータ): ${events} events, ${consultations} consultations and ${businesses} businesses written (${Math.round(performance.now() - started)} ms after start)`,
      );
  });
  const stop = async () => {
    server.close();
    await tsunagu.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(
    error instanceof PlanFileError || (error as Error).message?.includes('設定')
      ? (error as Error).message
      : error,
  );
  process.exit(1);
}
