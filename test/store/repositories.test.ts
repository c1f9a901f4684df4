import { connectDatabase } from '../../src/store/database';
import type { DecisionDoc } from '../../src/store/models';
import { createRepositories } from '../../src/store/repositories';
import { useTestService } from '../support/service';

const svc = useTestService();
const repos = () => svc().runtime.context.repositories;

function decision(id: string, amountFen: number): DecisionDoc {
  return { _id: id, applicationId: `app_${id}`, program: 'p', beneficiaryUscc: 'u', beneficiaryJurisdiction: '320500', client: 'c', outcome: 'approved', amountFen, ruleHash: null, topUpOf: null, topUps: [], explanation: { caps: [] }, decidedAt: new Date() };
}

describe('repositories', () => {
  it('insertOnce stores a document once; insertOrGet answers with the first one', async () => {
    const { decisions } = repos();
    expect(await decisions.insertOnce(decision('dec_r1', 100))).toBe(true);
    expect(await decisions.insertOnce(decision('dec_r1', 200))).toBe(false);
    expect((await decisions.insertOrGet(decision('dec_r1', 300))).amountFen).toBe(100);
    expect((await decisions.get('dec_r1'))?.amountFen).toBe(100);
    expect(await decisions.get('dec_none')).toBeUndefined();
    await decisions.insertOnce(decision('dec_r2', 7));
    expect((await decisions.getAll(['dec_r2', 'dec_none', 'dec_r1'])).map((d) => d._id)).toEqual(['dec_r2', 'dec_r1']);
  });

  it('insertAllOnce writes the decisions of one application in one command, and only the missing ones after a retry', async () => {
    const { decisions } = repos();
    const commands: string[] = [];
    // a connection of its own, with the driver's command monitoring
    const watched = await connectDatabase(svc().uri, { w: 1, journal: true, monitorCommands: true });
    const client = watched.connection.getClient();
    const listen = (e: { commandName: string }) => commands.push(e.commandName);
    const docs = [decision('dec_m1~t', 1), decision('dec_m1', 2)];
    expect(await decisions.insertAllOnce(docs)).toEqual({ stored: docs, written: ['dec_m1~t', 'dec_m1'] });
    // a retry whose first decision exists: the earlier one is kept, the missing one written
    await decisions.removeAll(['dec_m1']);
    const again = await decisions.insertAllOnce([decision('dec_m1~t', 10), decision('dec_m1', 20)]);
    expect(again.stored.map((d) => d.amountFen)).toEqual([1, 20]);
    expect(again.written).toEqual(['dec_m1']);
    // a failure after the first of them: what the first write stored is named as written
    const third = await decisions.insertAllOnce([decision('dec_m2~t', 5), decision('dec_m1', 30)]);
    expect(third).toEqual({ stored: [expect.objectContaining({ _id: 'dec_m2~t', amountFen: 5 }), expect.objectContaining({ _id: 'dec_m1', amountFen: 20 })], written: ['dec_m2~t'] });
    client.on('commandStarted', listen);
    try {
      await createRepositories(watched.models).decisions.insertAllOnce([decision('dec_m3~t', 1), decision('dec_m3', 2)]);
    } finally {
      client.off('commandStarted', listen);
      await watched.close();
    }
    expect(commands).toEqual(['insert']);
  });

  it('a pending slot names one application at a time; idle slots are reused and cleared', async () => {
    const { pending } = repos();
    const named = async () => (await pending.all()).filter((m) => m.id.startsWith(pending.process)).flatMap((m) => m.applicationIds).sort();
    const a = await pending.hold(['app_p1']);
    const b = await pending.hold(['app_p2']);
    expect(await named()).toEqual(['app_p1', 'app_p2']);
    a.release();
    // a released slot keeps its marker until the next submission in it overwrites it
    const c = await pending.hold(['app_p3', 'app_p4']);
    expect(await named()).toEqual(['app_p2', 'app_p3', 'app_p4']);
    await c.point(['app_p5']);
    expect(await named()).toEqual(['app_p2', 'app_p5']);
    b.release();
    await pending.clearIdle();
    expect(await named()).toEqual(['app_p5']);
  });
});
