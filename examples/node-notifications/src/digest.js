'use strict';

const DIGEST_FLAG = 'daily-digest-emails';
const TICK_MS = 60_000;

/** Sends one digest per user per day to users the flag selects. */
function startDigestWorker(knex, flags) {
  return setInterval(() => tick(knex, flags).catch(console.error), TICK_MS);
}

async function tick(knex, flags) {
  const due = await knex('user_preferences')
    .where('digest_frequency', 'daily')
    .andWhere('email_enabled', true)
    .andWhereRaw("(now() AT TIME ZONE timezone)::time >= digest_send_at")
    .limit(500);
  for (const prefs of due) {
    const enabled = await flags.getBooleanValue(DIGEST_FLAG, false, { targetingKey: prefs.user_id });
    if (!enabled) continue;
    const pending = await knex('notifications')
      .where({ user_id: prefs.user_id, channel: 'email' })
      .whereNull('sent_at')
      .orderBy('created_at');
    if (pending.length === 0) continue;
    await knex('notifications').insert({
      user_id: prefs.user_id,
      channel: 'email',
      template: 'daily-digest',
      payload: { items: pending.map((n) => n.id) },
    });
  }
}

module.exports = { startDigestWorker };
