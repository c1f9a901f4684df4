const { MongoClient } = require('mongodb');
(async () => {
  const c = await MongoClient.connect('mongodb://127.0.0.1:27999/');
  const dbs = (await c.db().admin().listDatabases()).databases.map(d => d.name).filter(n => n.startsWith('prof')).sort();
  const db = c.db(dbs.at(-1));
  const col = db.collection('decisions');
  console.log('decisions', await col.countDocuments());
  const one = await col.findOne({}, { projection: { _id: 1 } });
  let t = Date.now(); for (let i = 0; i < 10; i++) await col.findOne({ _id: one._id }); console.log('findOne by _id', (Date.now() - t) / 10, 'ms');
  t = Date.now(); for (let i = 0; i < 10; i++) await col.find({ _id: one._id }).limit(1).toArray(); console.log('find limit 1', (Date.now() - t) / 10, 'ms');
  t = Date.now(); for (let i = 0; i < 10; i++) await col.findOne({ _id: 'nope' }); console.log('findOne missing', (Date.now() - t) / 10, 'ms');
  const idem = db.collection('idempotency_keys'); const k = await idem.findOne({});
  t = Date.now(); for (let i = 0; i < 5; i++) await idem.updateOne({ _id: k._id }, { $set: { state: 'done' } }); console.log('update by _id', (Date.now() - t) / 5, 'ms');
  await c.close();
})();
