import { MigrationInterface, QueryRunner } from 'typeorm';

const SUMMARY_VIEW = `SELECT "userId", count(*) AS "reads" FROM user_niche_analytics GROUP BY "userId"`;
const STATS_VIEW = `SELECT "nicheId", count(*) AS "readers" FROM user_niche_analytics GROUP BY "nicheId"`;
const VIEWS: [string, string][] = [
  ['user_world_summary', SUMMARY_VIEW],
  ['niche_world_stats', STATS_VIEW],
];
const OLD_TABLES = ['legacy_summary', 'legacy_stats'];

export class WorldIndex1786600000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, expression] of VIEWS) {
      await queryRunner.query(`CREATE MATERIALIZED VIEW "${name}" AS ${expression}`);
    }
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_world_summary_userId" ON "user_world_summary" ("userId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_niche_world_stats_nicheId" ON "niche_world_stats" ("nicheId")`);
    for (const table of OLD_TABLES) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    for (const index in OLD_TABLES) {
      await queryRunner.query(`DROP TABLE "backup_${index}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...VIEWS].reverse()) {
      await queryRunner.query(`DROP MATERIALIZED VIEW IF EXISTS "${name}"`);
    }
  }
}
