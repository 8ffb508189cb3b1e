'use strict';

const Fastify = require('fastify');
const { OpenFeature } = require('@openfeature/server-sdk');
const { FlagdProvider } = require('@openfeature/flagd-provider');
const knex = require('knex')(require('../knexfile').production);
const { startDigestWorker } = require('./digest');

async function main() {
  await OpenFeature.setProviderAndWait(new FlagdProvider());
  const app = Fastify({ logger: true });
  app.get('/healthz', async () => {
    await knex.raw('select 1');
    return { ok: true };
  });
  startDigestWorker(knex, OpenFeature.getClient('notifications'));
  await app.listen({ port: 3000, host: '0.0.0.0' });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
