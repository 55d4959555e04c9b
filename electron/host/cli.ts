import { parseServeArgs, serveHeadless, serveUsage } from './serve-headless';

// The headless mode's command line. `npm run serve` comes here unless it is asked for the
// development sandbox (--sandbox, --emulators), which emulators/sandbox/ runs around this host.
const args = parseServeArgs(serveUsage());
if (args) await serveHeadless({ dataDir: args.dataDir, port: args.port, echoLogs: false });
