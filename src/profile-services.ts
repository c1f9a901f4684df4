import type { Logger } from 'pino';
import { Adjudicator } from './adjudication/adjudicator';
import { changeableFacts } from './counterfactuals/changeable';
import { Counterfactuals } from './counterfactuals/what-would-change';
import { AutoGrants } from './matching/auto-grants';
import { MatchingJob } from './matching/job';
import { Matching } from './matching/matching';
import { Profiles } from './profiles/profiles';
import type { ProgramCatalog } from './rules/catalog';
import type { Submissions } from './service/submissions';
import { AutoGrantStore } from './store/auto-grant-store';
import { MatchingStore } from './store/matching-store';
import type { SecretBox } from './store/secret-box';
import type { Models } from './store/models';
import { ProfileStore } from './store/profile-store';
import type { Repositories } from './store/repositories';
import { WebhookStore } from './store/webhook-store';
import type { SchemaRegistry } from './validation/schema-registry';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './webhooks/policy';
import { Webhooks } from './webhooks/webhooks';

/**
 * Wires enterprise profiles, proactive matching, grants without application, what would change
 * a rejection and signed webhooks over one database, (the runtime hands submissions the
 * profiles, so an application may refer to its profile). One call from the runtime.
 */
export function profileServices(options: {
  models: Models;
  /** The catalog in force (a rule reload installs a new one). */
  catalog: () => ProgramCatalog;
  registry: SchemaRegistry;
  /** The submissions in force (a rule reload installs new ones). */
  submissions: () => Submissions;
  stores: Pick<Repositories, 'applications' | 'decisions'>;
  today: () => string;
  logger: Logger;
  webhookDelivery?: Partial<DeliveryPolicy>;
  /** Seals webhook signing secrets at rest. */
  secrets: SecretBox;
}) {
  const { models, catalog, registry, submissions, today, logger } = options;
  const webhooks = new Webhooks(new WebhookStore(models, options.secrets), { ...DEFAULT_DELIVERY_POLICY, ...options.webhookDelivery }, logger);
  const profileStore = new ProfileStore(models);
  const profiles = new Profiles(profileStore, catalog, registry, today);
  const changeable = changeableFacts(registry.documents.get('facts.schema.json')!);
  let built: { catalog: ProgramCatalog; counterfactuals: Counterfactuals } | undefined;
  /** What would change a rejection, over a catalog (built again after a rule reload). */
  const counterfactualsFor = (c: ProgramCatalog): Counterfactuals => {
    if (built?.catalog !== c) built = { catalog: c, counterfactuals: new Counterfactuals(new Adjudicator(c, c.facts), c, c.facts, changeable) };
    return built.counterfactuals;
  };
  const matchingStore = new MatchingStore(models);
  const autoGrants = new AutoGrants(new AutoGrantStore(models), submissions, options.stores, catalog);
  const job = new MatchingJob(matchingStore, profileStore, catalog, {
    publish: (topic, payload, o) => webhooks.publish(topic, payload, o),
    afterEvaluate: (run, rematched) => autoGrants.afterEvaluate(run, rematched),
    get counterfactuals() {
      return counterfactualsFor(catalog());
    },
  });
  return { webhooks, profiles, counterfactualsFor, autoGrants, matching: new Matching(job, matchingStore, catalog, today, logger) };
}
