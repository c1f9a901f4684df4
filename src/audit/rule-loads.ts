import type { RuleLoadEvent, RuleLoadEvents } from '../service/rule-reload';
import type { AuditLog } from './audit-log';

/**
 * Rule loads, reloads and refused reloads, recorded where policy staff read them
 * (`rule_load_events`) and in the audit log, with who or what triggered them.
 */
export function auditedRuleLoads(events: RuleLoadEvents, audit: AuditLog): RuleLoadEvents {
  return {
    async record(event: RuleLoadEvent): Promise<void> {
      await events.record(event);
      const { trigger } = event;
      await audit.record({
        type: `rules.${event.kind}`,
        actor: trigger.apiKeyId ? { keyId: trigger.apiKeyId, role: 'admin' } : { system: trigger.by === 'signal' ? `signal ${trigger.signal ?? 'SIGHUP'}` : 'service start' },
        jurisdictions: ['*'],
        subject: event.id,
        data: { programs: event.programs, versions: event.versions, appeared: event.appeared, changed: event.changed, removed: event.removed, errors: event.errors },
        at: new Date(event.at),
      });
    },
  };
}
