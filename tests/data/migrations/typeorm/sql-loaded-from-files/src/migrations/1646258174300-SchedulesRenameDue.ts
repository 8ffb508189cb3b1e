import { MigrationInterface, QueryRunner } from "typeorm";
import { readFileSync } from "fs";
import { join } from "path";

export class SchedulesRenameDue1646258174300 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(readFileSync(join(__dirname, "../sql/Schedules", "Rename-due.sql"), "utf8"));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(readFileSync(join(__dirname, "../sql/Schedules", "Missing.sql"), "utf8"));
  }
}
