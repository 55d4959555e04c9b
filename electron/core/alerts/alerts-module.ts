import type { AccountsService } from '../accounts/accounts-module';
import type { AutomationModule } from '../automation/automation-module';
import { METRICS_JOB, suggestedAction, UPLOAD_JOB } from '../distribution/distribution-module';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import { describeError } from '../errors';
import type { HealthService } from '../health/health-module';
import { RENDER_JOB } from '../runs/runs-module';
import { alertsHandlers } from './alerts-handlers';
import { AlertsRepository } from './alerts-repository';
import { AlertsService } from './alerts-service';
import { ErrorLog } from './error-log';
import { RuleQueries } from './rule-queries';
import { blockedAccountRule, failuresInARowRule } from './rules/account-rules';
import { quotaNearRule } from './rules/quota-rules';
import { failedRunRule } from './rules/run-rules';
import {
  diskLowRule,
  jobOverdueRule,
  postStuckRule,
  schedulerStalledRule,
} from './rules/system-rules';

export type { AlertsService } from './alerts-service';
export type { AlertCause, AlertRule } from './alert-rule';

/**
 * Alerts and the errors log (`alerts:*`, `statistics:errors`). The single source of the
 * engine's notifications: it takes over the automation's notification gate, so that every
 * notification with a cause key, from any module, becomes an alert (one per cause, counted), and
 * only a new alert is delivered, through the gate (the kinds the person switched off stay
 * quiet). Its own rules read the domains' tables and the health read models; they look again
 * after the events they follow (through the automation's tap), after each disk check, and every
 * minute. Made last: it reads every other module.
 */
export function createAlertsModule(
  core: ModuleCore,
  deps: {
    automation: Pick<AutomationModule, 'notifications' | 'listen' | 'service' | 'jobHolds'>;
    accounts: AccountsService;
    health: HealthService;
  },
) {
  const queries = new RuleQueries(core.db);
  const logger = core.ports.logger.child({ domain: 'alerts' });
  const gate = deps.automation.notifications;
  const service = new AlertsService({
    repository: new AlertsRepository(core.db),
    rules: [
      blockedAccountRule(queries, deps.accounts),
      failuresInARowRule(queries),
      failedRunRule(queries),
      quotaNearRule(deps.accounts),
      diskLowRule(deps.automation.service),
      schedulerStalledRule(deps.health),
      jobOverdueRule(deps.health),
      postStuckRule(queries, deps.automation.jobHolds, UPLOAD_JOB),
    ],
    deliver: (notification) => gate.deliver(notification),
    ...servicePorts(core, 'alerts'),
  });
  const errors = new ErrorLog(core.db, {
    uploadKind: UPLOAD_JOB,
    renderKind: RENDER_JOB,
    metricsKind: METRICS_JOB,
    postAction: (errorClass) =>
      errorClass === 'unknown'
        ? 'ReelPilot could not tell whether the post went out: look at the account’s page on the platform before retrying it.'
        : errorClass === 'auth' ||
            errorClass === 'rate' ||
            errorClass === 'transient' ||
            errorClass === 'content'
          ? suggestedAction(errorClass)
          : 'See the post in Distribution for what happened.',
  });
  gate.keepAsAlerts(service);
  const unsubscribe: Array<() => void> = [];
  return defineModule({
    name: 'alerts',
    service,
    handlers: alertsHandlers(service, errors),
    start: async () => {
      unsubscribe.push(
        deps.automation.listen((event, payload) => service.observe(event, payload)),
        deps.automation.service.onDiskChecked(
          () =>
            void service
              .evaluate(['disk-low'])
              .catch((error: unknown) =>
                logger.error('disk alert not evaluated', { error: describeError(error) }),
              ),
        ),
      );
      await service.start();
    },
    stop: async () => {
      for (const off of unsubscribe.splice(0)) off();
      service.stop();
      await service.idle();
    },
  });
}

export type AlertsModule = ReturnType<typeof createAlertsModule>;
